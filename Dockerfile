# One image for every VertxCenter role: `center node` with CENTER_ROLES=server|client|monitor|worker,
# or any CLI command (`center cluster status`). It builds the jar itself: nothing to build on the host.
#   docker compose up -d        (builds this image the first time, then starts the cluster)
#   docker build -t vertxcenter:latest .

# --- build: Maven and JDK 17 ----------------------------------------------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
# C1 only: a short Maven run spends less time compiling Maven itself; plain output in a build log.
# -T 1C below: the four role modules build in parallel once common is built.
ENV MAVEN_OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dstyle.color=never"

# 1. Every plugin and dependency the build uses, in a layer keyed on the poms alone, so a source
#    change does not download again. This runs the very build of step 2 over the poms with no
#    sources: `dependency:go-offline` misses what Maven resolves only when a plugin runs (the
#    plexus-utils it adds to old plugins, for one), and the offline build of step 2 then fails.
#    A new module needs its pom line here and its src line below.
COPY pom.xml ./
COPY common/pom.xml common/
COPY server-verticle/pom.xml server-verticle/
COPY client-verticle/pom.xml client-verticle/
COPY monitor-verticle/pom.xml monitor-verticle/
COPY worker-verticle/pom.xml worker-verticle/
COPY launcher/pom.xml launcher/
COPY cli/pom.xml cli/
RUN mvn -B -q -T 1C package -Dmaven.test.skip=true \
 && rm -rf target */target

# 2. The fat jar, offline (-o): it fails rather than download anything step 1 did not.
COPY common/src/main common/src/main
COPY server-verticle/src/main server-verticle/src/main
COPY client-verticle/src/main client-verticle/src/main
COPY monitor-verticle/src/main monitor-verticle/src/main
COPY worker-verticle/src/main worker-verticle/src/main
COPY launcher/src/main launcher/src/main
COPY cli/src/main cli/src/main
RUN mvn -B -q -T 1C -o package -Dmaven.test.skip=true

# --- runtime: JRE 17 -------------------------------------------------------------------------------
FROM eclipse-temurin:17-jre

# A non-root user, written straight into passwd/group so it works on any base (no useradd needed).
RUN echo 'center:x:10001:10001:VertxCenter:/opt/center:/bin/false' >>/etc/passwd \
 && echo 'center:x:10001:' >>/etc/group \
 && mkdir -p /var/lib/vertxcenter /var/lib/vertxcenter-data \
 && chown 10001:10001 /var/lib/vertxcenter /var/lib/vertxcenter-data && chmod 700 /var/lib/vertxcenter /var/lib/vertxcenter-data

COPY docker/center docker/container-ip docker/healthcheck /usr/local/bin/

# A node's JVM options are node-jvm.options (heap bound, serial GC; the same as `center up`'s
# nodes), then JAVA_OPTS: crash (and let Docker restart the node) rather than limp on after an
# OutOfMemoryError.
ENV JAVA_OPTS="-XX:+ExitOnOutOfMemoryError" \
    CENTER_SERVER_HOST=0.0.0.0 \
    CENTER_SERVER_PORT=5000 \
    CENTER_BRIDGE_HOST=0.0.0.0 \
    CENTER_BRIDGE_PORT=7000 \
    CENTER_HTTP_HOST=0.0.0.0 \
    CENTER_HTTP_PORT=8080 \
    CENTER_HOME=/var/lib/vertxcenter

USER center
WORKDIR /opt/center
# CENTER_HOME holds the cluster token (made by the first node that finds none); docker-compose.yml
# shares it between the nodes and the cli service as a volume.
# /var/lib/vertxcenter-data: the server's data log (docker-compose.yml mounts a volume of its own there).
# 5000 TCP data, 5001 TCP data with acknowledgements, 7000 CLI bridge, 8080 HTTP (/health, /ready,
# /metrics, console), 5701 Hazelcast
EXPOSE 5000 5001 7000 8080 5701
# Healthy once the node's own GET /ready answers 200: joined the cluster, every role verticle
# deployed and in the registry, a server listening. An HTTP request, not a CLI JVM.
HEALTHCHECK --interval=10s --timeout=10s --start-period=120s --retries=3 CMD ["healthcheck"]
ENTRYPOINT ["center"]
CMD ["node"]

# The jar last: after a source change only this layer of the runtime stage is new. With it, the
# nodes' class archive for this image's JVM, made by one training node (`center archive`, ~5 s):
# every container of the image starts its node from it.
COPY cli/src/main/resources/node-jvm.options /opt/center/node-jvm.options
COPY --from=build /build/cli/target/center.jar /opt/center/center.jar
# made by root: /opt/center is not the node user's to write; the nodes only read it
USER root
RUN CENTER_HOME=/tmp/archive java -jar /opt/center/center.jar archive && rm -rf /tmp/archive
USER center
