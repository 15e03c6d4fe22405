package dev.nnjit.template;

import java.util.LinkedHashMap;
import java.util.Map;

/** What {@code namespace(...)} makes: the one value whose attributes a template may assign ({@code set ns.x = v}). */
final class Namespace {
    final Map<String, Object> attributes = new LinkedHashMap<>();
}
