package io.mcpgateway.devidp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ScopePolicyTest {

    private final ScopePolicy policy = new ScopePolicy(List.of("read", "write", "admin"), List.of("read"));

    @Test
    void absentScopeGrantsTheDefaults() {
        assertThat(policy.grant(null)).containsExactly("read");
    }

    @Test
    void requestedScopesAreGrantedInOrderWithoutRepeats() {
        assertThat(policy.grant("admin read admin")).containsExactly("admin", "read");
    }

    @Test
    void scopeNotAllowedIsInvalidScopeNamingIt() {
        assertThatThrownBy(() -> policy.grant("read delete"))
                .isInstanceOfSatisfying(OAuthException.class,
                        e -> assertThat(e.code()).isEqualTo(OAuthException.Code.INVALID_SCOPE))
                .hasMessage("scope delete is not allowed; allowed scopes are read write admin");
    }

    @Test
    void leadingTrailingOrDoubleSpacesAreInvalidScope() {
        for (String malformed : List.of(" read", "read ", "read  write", "")) {
            assertThatThrownBy(() -> policy.grant(malformed)).as("'%s'", malformed)
                    .hasMessage("scope must be scope tokens separated by single spaces");
        }
    }

    @Test
    void scopeTokensFollowRfc6749Grammar() {
        assertThat(ScopePolicy.isScopeToken("restaurants/read")).isTrue();
        assertThat(ScopePolicy.isScopeToken("a!#[]~")).isTrue();
        assertThat(ScopePolicy.isScopeToken("")).isFalse();
        assertThat(ScopePolicy.isScopeToken("a\"b")).isFalse();
        assertThat(ScopePolicy.isScopeToken("a\\b")).isFalse();
        assertThat(ScopePolicy.isScopeToken("caf\u00e9")).isFalse();
        assertThat(ScopePolicy.isScopeToken("tab\t")).isFalse();
    }
}
