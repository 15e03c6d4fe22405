package dev.nnjit.codegen;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Structural checks of generated WGSL that need no compiler: balanced brackets, the declared bindings equal the
 * instance's binding list, workgroup size and workgroup storage agree with the instance, one entry point, a shape
 * comment first, and no leftover template text.
 */
final class WgslStructure {
    private WgslStructure() {}

    private static final Pattern BINDING = Pattern.compile(
            "@group\\(0\\) @binding\\((\\d+)\\) var<storage, (read|read_write)> (\\w+): array<([\\w<>]+)>;");
    private static final Pattern WG_SIZE = Pattern.compile("@workgroup_size\\((\\d+)(?:, (\\d+))?(?:, (\\d+))?\\)");
    private static final Pattern WG_VAR = Pattern.compile("var<workgroup> \\w+: array<([\\w<>]+), (\\d+)>;");

    static List<String> problems(KernelInstance k) {
        List<String> p = new ArrayList<>();
        String src = k.wgsl();
        if (!src.startsWith("// ")) p.add("does not start with a shape comment");
        StringBuilder code = new StringBuilder();
        for (String line : src.split("\n")) {
            int c = line.indexOf("//");
            code.append(c >= 0 ? line.substring(0, c) : line).append('\n');
        }
        String body = code.toString();
        int[] depth = new int[3];
        String open = "({[", close = ")}]";
        for (int i = 0; i < body.length(); i++) {
            char ch = body.charAt(i);
            int o = open.indexOf(ch), cl = close.indexOf(ch);
            if (o >= 0) depth[o]++;
            if (cl >= 0 && --depth[cl] < 0) { p.add("unbalanced '" + ch + "' at char " + i); depth[cl] = 0; }
        }
        for (int d = 0; d < 3; d++) if (depth[d] != 0) p.add(depth[d] + " unclosed '" + open.charAt(d) + "'");
        for (String bad : new String[] {"null", "NaN", "Infinity", "%a", "%b", "${", "{{", "E-", "E+"}) {
            if (body.contains(bad)) p.add("leftover text '" + bad + "'");
        }
        Matcher m = BINDING.matcher(body);
        int n = 0;
        while (m.find()) {
            if (n >= k.bindings().size()) { p.add("extra binding " + m.group()); n++; continue; }
            Binding b = k.bindings().get(n);
            String want = b.declaration();
            if (!m.group().equals(want)) p.add("binding " + n + " declared as '" + m.group() + "', layout says '" + want + "'");
            if (Integer.parseInt(m.group(1)) != n) p.add("binding numbers not 0..n-1 in order");
            n++;
        }
        if (n != k.bindings().size()) p.add(n + " bindings declared, layout has " + k.bindings().size());
        Matcher w = WG_SIZE.matcher(body);
        int entries = 0;
        while (w.find()) {
            entries++;
            int x = Integer.parseInt(w.group(1));
            int y = w.group(2) == null ? 1 : Integer.parseInt(w.group(2));
            int z = w.group(3) == null ? 1 : Integer.parseInt(w.group(3));
            if (x != k.workgroupSizeX() || y != k.workgroupSizeY() || z != k.workgroupSizeZ()) {
                p.add("workgroup_size " + x + "," + y + "," + z + " differs from instance " + k.workgroupSizeX() + ","
                        + k.workgroupSizeY() + "," + k.workgroupSizeZ());
            }
        }
        if (entries != 1) p.add(entries + " @workgroup_size attributes");
        if (!body.contains("@compute @workgroup_size") && !body.contains("@compute\n")) p.add("no @compute entry");
        if (!body.contains("fn " + k.entryPoint() + "(")) p.add("no fn " + k.entryPoint());
        Matcher v = WG_VAR.matcher(body);
        long bytes = 0;
        while (v.find()) bytes += Long.parseLong(v.group(2)) * (v.group(1).startsWith("vec4") ? 16 : 4);
        if (bytes != k.workgroupStorageBytes()) {
            p.add("declares " + bytes + " bytes of workgroup storage, instance says " + k.workgroupStorageBytes());
        }
        return p;
    }
}
