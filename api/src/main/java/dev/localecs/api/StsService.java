package dev.localecs.api;

/**
 * STS as the runtime reaches it ({@code upstream.sts.endpoint}), for plugins that chain roles.
 */
public interface StsService {

    /**
     * AssumeRole with given credentials.
     *
     * @param base the credentials to call STS with
     * @param roleArn the role to assume
     * @param sessionName the role session name
     * @return the temporary credentials, with their expiration
     * @throws dev.localecs.api.error.EcsException {@code ServerException} when STS refuses or is unreachable
     */
    AwsCredentials assumeRole(AwsCredentials base, String roleArn, String sessionName);
}
