/**
 * How much N threads (N = this machine's cores) give for the bench's countdown, outside any
 * framework: one thread runs the single-thread job, then N threads each run that same job at once.
 * The measurement lives in {@code io.vertxcenter.bench.ParallelCeiling}, which {@code center bench}
 * also runs in every round and prints beside its speed-ups; this runs it alone, after a warm-up:
 *
 *     mvn -B -q package -DskipTests && java -cp cli/target/center.jar bench/ParallelCeiling.java [ROUNDS]
 */
public class ParallelCeiling {
  public static void main(String[] args) {
    io.vertxcenter.bench.ParallelCeiling.main(args);
  }
}
