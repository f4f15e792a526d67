package io.sluice.infra.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.services.iam.AccountPrincipal;
import software.amazon.awscdk.services.iam.ArnPrincipal;

class ProducerPrincipalTest {
    @Test
    void anAccountIdOrARoleArnIsAPrincipal() {
        assertInstanceOf(AccountPrincipal.class, ProducerAccess.principal("123456789012"));
        assertInstanceOf(
                ArnPrincipal.class, ProducerAccess.principal(" arn:aws:iam::123456789012:role/team/orders-service "));
    }

    @Test
    void anythingElseIsRefusedWithTheValueAndTheExpectedForm() {
        for (String bad : new String[] {"12345", "arn:aws:iam::123456789012:user/alice", "*"}) {
            assertEquals(
                    "producer principal '" + bad + "' must be a 12-digit account id or a role ARN such as"
                            + " arn:aws:iam::123456789012:role/orders-service",
                    assertThrows(IllegalArgumentException.class, () -> ProducerAccess.principal(bad))
                            .getMessage());
        }
    }
}
