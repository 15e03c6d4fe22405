package dev.nnjit.model;

/**
 * Rules for a TensorProto's external-data {@code location}: a relative path inside the model's directory
 * (ONNX: "POSIX filesystem path relative to the directory where the ONNX protobuf model was stored").
 * Checked on the string so every resolver, in the browser too, refuses paths that would escape that directory.
 */
public final class ExternalLocations {
    private ExternalLocations() {}

    /** Why {@code location} is not acceptable, or null when it is. */
    public static String problem(String location) {
        if (location == null || location.isEmpty()) return "location is empty";
        if (location.indexOf('\0') >= 0) return "location contains a NUL character";
        char c0 = location.charAt(0);
        if (c0 == '/' || c0 == '\\') return "location '" + location + "' is absolute";
        if (location.length() >= 2 && location.charAt(1) == ':') {
            return "location '" + location + "' has a drive letter";
        }
        int segStart = 0;
        for (int i = 0; i <= location.length(); i++) {
            if (i == location.length() || location.charAt(i) == '/' || location.charAt(i) == '\\') {
                if (i - segStart == 2 && location.charAt(segStart) == '.' && location.charAt(segStart + 1) == '.') {
                    return "location '" + location + "' contains '..' and could escape the model's directory";
                }
                segStart = i + 1;
            }
        }
        return null;
    }
}
