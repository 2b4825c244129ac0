package io.mcpgateway.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.nimbusds.jwt.JWTClaimsSet;

import io.mcpgateway.gateway.auth.AudienceRule.Verdict;

class AudienceRuleTest {

    private static final List<String> ACCEPTED = List.of("ours", "also-ours");
    private static final String RESOURCE = "https://gateway.example.com/mcp";

    /** Columns: token_use, aud (space-separated, '-' for none), client_id, azp ('-' for none), verdict. */
    @ParameterizedTest(name = "{0} aud={1} client_id={2} azp={3}: {4}")
    @CsvSource({
            "access, -, ours, -, CLIENT_ACCEPTED",
            "access, ours, ours, -, CLIENT_ACCEPTED",
            "access, -, theirs, -, CLIENT_NOT_ACCEPTED",
            "access, -, -, -, CLIENT_NOT_ACCEPTED",
            "access, ours, theirs, -, CLIENT_NOT_ACCEPTED",
            "access, elsewhere, ours, -, ANOTHER_RESOURCE",
            "id, ours, -, -, AUDIENCE_ACCEPTED",
            "id, elsewhere ours, -, ours, AUDIENCE_ACCEPTED",
            "id, elsewhere, -, -, ANOTHER_RESOURCE",
            "id, ours, -, theirs, AZP_NOT_ACCEPTED",
            "-, ours, -, -, AUDIENCE_ACCEPTED",
            "-, elsewhere, ours, -, ANOTHER_RESOURCE",
            "-, -, ours, -, CLIENT_ACCEPTED",
            "-, -, theirs, -, NO_AUDIENCE_NOR_CLIENT",
            "-, -, -, -, NO_AUDIENCE_NOR_CLIENT",
    })
    void judgesByTheTokensKind(String tokenUse, String aud, String clientId, String azp, Verdict verdict) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();
        if (!aud.equals("-")) {
            claims.audience(Arrays.asList(aud.split(" ")));
        }
        if (!clientId.equals("-")) {
            claims.claim("client_id", clientId);
        }
        if (!azp.equals("-")) {
            claims.claim("azp", azp);
        }

        assertThat(AudienceRule.judge(claims.build(), tokenUse.equals("-") ? null : tokenUse, ACCEPTED, ACCEPTED))
                .isEqualTo(verdict);
    }

    @ParameterizedTest
    @CsvSource({"access", "id", "-"})
    void blankOrNullAudiencesCountAsNone(String tokenUse) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().audience(Arrays.asList(null, " ")).claim("client_id", "ours")
                .build();

        assertThat(AudienceRule.audiences(claims)).isEmpty();
        assertThat(AudienceRule.judge(claims, tokenUse.equals("-") ? null : tokenUse, ACCEPTED, ACCEPTED).accepted())
                .as("an ID token names no accepted audience; the others are taken by client_id")
                .isEqualTo(!tokenUse.equals("id"));
    }

    /**
     * Columns: token_use, aud, client_id, verdict; the gateway's resource URL is an accepted audience, no client: an
     * ID token's audience is a client, so the URL is none for it.
     */
    @ParameterizedTest(name = "{0} aud={1} client_id={2}: {3}")
    @CsvSource({
            "-, " + RESOURCE + ", -, AUDIENCE_ACCEPTED",
            "-, " + RESOURCE + ", someone-else, AUDIENCE_ACCEPTED",
            "access, " + RESOURCE + ", ours, CLIENT_ACCEPTED",
            "access, " + RESOURCE + ", someone-else, CLIENT_NOT_ACCEPTED",
            "-, https://gateway.example.com/other, -, ANOTHER_RESOURCE",
            "-, -, " + RESOURCE + ", NO_AUDIENCE_NOR_CLIENT",
            "id, " + RESOURCE + ", -, ANOTHER_RESOURCE",
    })
    void theResourceUrlIsAnAudienceNotAClient(String tokenUse, String aud, String clientId, Verdict verdict) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();
        if (!aud.equals("-")) {
            claims.audience(aud);
        }
        if (!clientId.equals("-")) {
            claims.claim("client_id", clientId);
        }
        List<String> audiences = AudienceRule.acceptedAudiences(ACCEPTED, RESOURCE);

        assertThat(AudienceRule.judge(claims.build(), tokenUse.equals("-") ? null : tokenUse, ACCEPTED, audiences))
                .isEqualTo(verdict);
    }

    @org.junit.jupiter.api.Test
    void theResourceUrlIsAddedToTheClientIdsOnceAndOnlyWhenSet() {
        assertThat(AudienceRule.acceptedAudiences(ACCEPTED, RESOURCE)).containsExactly("ours", "also-ours", RESOURCE);
        assertThat(AudienceRule.acceptedAudiences(ACCEPTED, null)).containsExactlyElementsOf(ACCEPTED);
        assertThat(AudienceRule.acceptedAudiences(ACCEPTED, "ours")).containsExactlyElementsOf(ACCEPTED);
    }
}
