package dev.localecs.plugins.credentials;

import dev.localecs.api.error.EcsException;
import dev.localecs.api.error.ErrorCode;

/**
 * The IAM Identity Center (SSO) login behind a profile has expired or was never made: the user has to run
 * {@code aws sso login} again on the machine whose {@code ~/.aws} is mounted.
 */
final class LoginExpiredException extends EcsException {
    private final String ssoProfile;

    LoginExpiredException(String profile, String ssoProfile, Throwable cause) {
        super(ErrorCode.SERVER_EXCEPTION, "The IAM Identity Center (SSO) login of profile '" + ssoProfile + "'"
                + (profile.equals(ssoProfile) ? "" : " (the source of profile '" + profile + "')")
                + " has expired or is missing: run `aws sso login --profile " + ssoProfile + "` where ~/.aws is "
                + "mounted from (" + cause.getMessage() + ").", cause);
        this.ssoProfile = ssoProfile;
    }

    /**
     * The profile carrying the SSO settings, the one {@code aws sso login --profile} takes.
     *
     * @return the profile name
     */
    String ssoProfile() {
        return ssoProfile;
    }
}
