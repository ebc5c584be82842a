package dev.distsys.deploy;

/** What a pinned image reference is. */
final class Images {

    private Images() {
    }

    /**
     * A digest ({@code name@sha256:...}) or an exact tag: present, not {@code latest},
     * not a bare major version ({@code postgres:17}), not a variable left unresolved.
     */
    static boolean isPinned(String image) {
        if (image == null || image.isBlank()) {
            return false;
        }
        if (image.matches(".+@sha256:[0-9a-f]{64}")) {
            return true;
        }
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        if (colon <= slash) {
            return false;
        }
        String tag = image.substring(colon + 1);
        return !tag.equals("latest") && !tag.contains("$") && tag.matches("v?\\d+\\.\\d+.*");
    }

}
