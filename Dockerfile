# One image for every VertxCenter role: `center node` with CENTER_ROLES=server|client|monitor|worker,
# or any CLI command (`center cluster status`). Build the jar first: mvn -B package -DskipTests
FROM eclipse-temurin:17-jre

# A non-root user, written straight into passwd/group so it works on any base (no useradd needed).
RUN echo 'center:x:10001:10001:VertxCenter:/opt/center:/bin/false' >>/etc/passwd \
 && echo 'center:x:10001:' >>/etc/group

COPY docker/center docker/container-ip docker/healthcheck /usr/local/bin/
COPY launcher/target/center.jar /opt/center/center.jar

# Heap from the container's memory limit, leaving room for metaspace, threads and direct buffers;
# crash (and let Docker restart the node) rather than limp on after an OutOfMemoryError.
ENV JAVA_OPTS="-XX:MaxRAMPercentage=70 -XX:InitialRAMPercentage=25 -XX:+ExitOnOutOfMemoryError" \
    CENTER_SERVER_HOST=0.0.0.0 \
    CENTER_SERVER_PORT=5000 \
    CENTER_BRIDGE_HOST=0.0.0.0 \
    CENTER_BRIDGE_PORT=7000 \
    CENTER_HOME=/tmp/vertxcenter

USER center
WORKDIR /opt/center
# 5000 TCP data, 7000 CLI bridge, 5701 Hazelcast (cluster members only)
EXPOSE 5000 7000 5701
ENTRYPOINT ["center"]
CMD ["node"]
