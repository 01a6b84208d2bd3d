package dev.localecs.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServiceCountsTest {
    @Test
    void countsTheLastReportOfEachServiceUntilItIsForgotten() {
        ServiceCounts services = ServiceCounts.inMemory();
        services.report("arn:svc/a", "c1", "FARGATE", "ACTIVE");
        services.report("arn:svc/b", "c1", "FARGATE", "ACTIVE");
        services.report("arn:svc/c", "c2", "FARGATE", "ACTIVE");
        assertThat(services.count("c1", "FARGATE", "ACTIVE")).isEqualTo(2);

        services.report("arn:svc/a", "c1", "FARGATE", "DRAINING");
        assertThat(services.count("c1", "FARGATE", "ACTIVE")).as("a new report replaces the old").isEqualTo(1);
        assertThat(services.count("c1", "FARGATE", "DRAINING")).isEqualTo(1);
        assertThat(services.count("c1", "EC2", "ACTIVE")).isZero();

        services.forget("arn:svc/b");
        assertThat(services.count("c1", "FARGATE", "ACTIVE")).isZero();
        assertThat(services.count("c2", "FARGATE", "ACTIVE")).isEqualTo(1);
    }
}
