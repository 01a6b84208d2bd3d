package dev.localecs.plugins.taskdefinitions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How Deregister/DeleteTaskDefinitions tell the reference shapes ECS answers differently apart. */
class RevisionReferenceTest {

    @Test
    void familyAndRevisionOrArnIsExact() {
        assertThat(RevisionReference.parse("web:3")).isEqualTo(new RevisionReference.Exact("web", 3));
        assertThat(RevisionReference.parse("arn:aws:ecs:us-east-1:000000000000:task-definition/web_2:12"))
                .isEqualTo(new RevisionReference.Exact("web_2", 12));
    }

    @Test
    void familyAloneHasNoRevision() {
        assertThat(RevisionReference.parse("web")).isInstanceOf(RevisionReference.MissingRevision.class);
        assertThat(RevisionReference.parse("arn:aws:ecs:us-east-1:000000000000:task-definition/web"))
                .isInstanceOf(RevisionReference.MissingRevision.class);
    }

    @Test
    void revisionThatIsNotAPositiveNumberIsKeptForTheMessage() {
        assertThat(RevisionReference.parse("web:foo")).isEqualTo(new RevisionReference.InvalidNumber("foo"));
        assertThat(RevisionReference.parse("web:")).isEqualTo(new RevisionReference.InvalidNumber(""));
        assertThat(RevisionReference.parse("web:0")).isEqualTo(new RevisionReference.InvalidNumber("0"));
        assertThat(RevisionReference.parse("web:99999999999")).isEqualTo(new RevisionReference.InvalidNumber("99999999999"));
    }

    @Test
    void otherShapesAreMalformed() {
        assertThat(RevisionReference.parse("bad name:1")).isInstanceOf(RevisionReference.Malformed.class);
        assertThat(RevisionReference.parse("")).isInstanceOf(RevisionReference.Malformed.class);
        assertThat(RevisionReference.parse("arn:aws:ecs:us-east-1:000000000000:cluster/web:1"))
                .isInstanceOf(RevisionReference.Malformed.class);
        assertThat(RevisionReference.parse("arn:nonsense")).isInstanceOf(RevisionReference.Malformed.class);
    }
}
