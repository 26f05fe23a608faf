# Vigil: one image for the app and the simulator. Build: docker build -t vigil .
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY simulator/pom.xml simulator/
COPY model/pom.xml model/
COPY streams-app/pom.xml streams-app/
COPY simulator/src simulator/src
COPY model/src model/src
COPY streams-app/src streams-app/src
RUN mvn -q -B -DskipTests package

FROM eclipse-temurin:17-jre
WORKDIR /app
COPY --from=build /src/streams-app/target/vigil.jar /app/vigil.jar
ENV VIGIL_HTTP_HOST=0.0.0.0 \
    VIGIL_STATE_DIR=/var/lib/vigil/streams \
    DJL_CACHE_DIR=/var/lib/vigil/djl
EXPOSE 7070
ENTRYPOINT ["java", "-Dai.djl.offline=true", "-jar", "/app/vigil.jar"]
