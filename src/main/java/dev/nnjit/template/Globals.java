package dev.nnjit.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The functions every template sees: {@code range}, {@code namespace}, {@code dict}, {@code raise_exception(message)}
 * (fails the render with the template's message and position) and {@code strftime_now(format)} (the current time in
 * UTC: the page and the JVM have no portable local time zone; %Y %m %d %H %M %S %y %b %B %a %A %j %%).
 */
final class Globals {
    private static final int MAX_RANGE = 1_000_000;
    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December"};
    private static final String[] DAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};

    private Globals() {}

    static void install(Scope scope, LongSupplier clock) {
        scope.set("range", (Callable) (args, kw) -> range(args));
        scope.set("namespace", (Callable) (args, kw) -> {
            Namespace ns = new Namespace();
            if (!args.isEmpty()) {
                if (!(args.get(0) instanceof Map<?, ?> m)) throw new EvalError("namespace() takes a dict and keywords");
                for (Map.Entry<?, ?> e : m.entrySet()) ns.attributes.put((String) e.getKey(), e.getValue());
            }
            ns.attributes.putAll(kw);
            return ns;
        });
        scope.set("dict", (Callable) (args, kw) -> new LinkedHashMap<>(kw));
        scope.set("raise_exception", (Callable) (args, kw) -> {
            throw new EvalError("the template raised an error: " + (args.isEmpty() ? "" : Values.display(args.get(0))));
        });
        scope.set("strftime_now", (Callable) (args, kw) ->
                strftime(clock.getAsLong(), args.isEmpty() ? "" : Builtins.str(args.get(0), "strftime_now's format")));
    }

    private static List<Object> range(List<Object> args) {
        long start = 0, stop, step = 1;
        for (Object a : args) if (!(a instanceof Long)) throw new EvalError("range() takes integers, got a " + Values.typeName(a));
        if (args.size() == 1) {
            stop = (Long) args.get(0);
        } else if (args.size() == 2 || args.size() == 3) {
            start = (Long) args.get(0);
            stop = (Long) args.get(1);
            if (args.size() == 3) step = (Long) args.get(2);
        } else {
            throw new EvalError("range() takes 1 to 3 arguments, got " + args.size());
        }
        if (step == 0) throw new EvalError("range() step must not be zero");
        List<Object> out = new ArrayList<>();
        for (long i = start; step > 0 ? i < stop : i > stop; i += step) {
            if (out.size() >= MAX_RANGE) throw new EvalError("range() longer than " + MAX_RANGE + " items");
            out.add(i);
        }
        return out;
    }

    /** {@code format} with the UTC date and time of {@code epochMillis}. */
    static String strftime(long epochMillis, String format) {
        long days = Math.floorDiv(epochMillis, 86_400_000L);
        long msOfDay = Math.floorMod(epochMillis, 86_400_000L);
        // civil date from days since 1970-01-01 (Howard Hinnant's days_from_civil inverse)
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int day = (int) (doy - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        int weekday = (int) Math.floorMod(days + 3, 7);  // 1970-01-01 was a Thursday (Monday = 0)
        boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        int[] before = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
        int dayOfYear = before[month - 1] + day + (leap && month > 2 ? 1 : 0);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 >= format.length()) {
                sb.append(c);
                continue;
            }
            char f = format.charAt(++i);
            switch (f) {
                case 'Y': sb.append(year); break;
                case 'y': sb.append(pad(year % 100, 2)); break;
                case 'm': sb.append(pad(month, 2)); break;
                case 'd': sb.append(pad(day, 2)); break;
                case 'H': sb.append(pad(msOfDay / 3_600_000, 2)); break;
                case 'M': sb.append(pad(msOfDay / 60_000 % 60, 2)); break;
                case 'S': sb.append(pad(msOfDay / 1000 % 60, 2)); break;
                case 'b': sb.append(MONTHS[month - 1], 0, 3); break;
                case 'B': sb.append(MONTHS[month - 1]); break;
                case 'a': sb.append(DAYS[weekday], 0, 3); break;
                case 'A': sb.append(DAYS[weekday]); break;
                case 'j': sb.append(pad(dayOfYear, 3)); break;
                case '%': sb.append('%'); break;
                default: sb.append('%').append(f);
            }
        }
        return sb.toString();
    }

    private static String pad(long v, int width) {
        StringBuilder s = new StringBuilder(Long.toString(v));
        while (s.length() < width) s.insert(0, '0');
        return s.toString();
    }
}
