package dev.localecs.runtime.aws;

/**
 * Credentials for pulling one image from a private registry (never written anywhere).
 *
 * @param registry the registry address, e.g. {@code 123456789012.dkr.ecr.us-east-1.amazonaws.com}
 * @param username the user name
 * @param password the password or token
 */
public record RegistryLogin(String registry, String username, String password) {

    @Override
    public String toString() {
        return "RegistryLogin[registry=" + registry + ", username=" + username + ", password=***]";
    }
}
