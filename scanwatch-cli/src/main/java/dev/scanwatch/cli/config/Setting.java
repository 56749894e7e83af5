package dev.scanwatch.cli.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.function.BiConsumer;

/**
 * One tunable as the configuration file names it: where it lives, what it does, its default
 * (rendered from the code's constant, never typed twice) and how a value is applied.
 *
 * @param followsMemory a capacity that the memory cap sets unless the file sets it: the printed
 *                      defaults leave it commented out, or a file made from them would pin it
 */
record Setting(String section, String key, String doc, String defaultToml, BiConsumer<ConfigBuilders, JsonNode> apply,
               boolean followsMemory) {

    String path() {
        return section + "." + key;
    }
}
