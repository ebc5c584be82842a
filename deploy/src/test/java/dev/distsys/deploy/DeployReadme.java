package dev.distsys.deploy;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The secrets deploy/README.md documents (its "Secrets" table: secret, key, who creates
 * it).
 */
final class DeployReadme {

    private static final Pattern ROW = Pattern.compile("(?m)^\\| `([a-z0-9-]+)` \\| `([A-Za-z0-9._-]+)` \\|");

    private DeployReadme() {
    }

    static Set<String> documentedSecretKeys() {
        String readme = Repository.read("deploy/README.md");
        int start = readme.indexOf("### Secrets");
        if (start < 0) {
            throw new IllegalStateException("deploy/README.md has no '### Secrets' section");
        }
        int end = readme.indexOf("\n#", start + 1);
        Matcher matcher = ROW.matcher(readme.substring(start, (end > 0) ? end : readme.length()));
        Set<String> keys = new LinkedHashSet<>();
        while (matcher.find()) {
            keys.add(matcher.group(1) + "/" + matcher.group(2));
        }
        return keys;
    }

}
