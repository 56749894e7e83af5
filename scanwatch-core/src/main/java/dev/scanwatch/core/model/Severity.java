package dev.scanwatch.core.model;

public enum Severity {
    LOW("low"), MEDIUM("medium"), HIGH("high");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
