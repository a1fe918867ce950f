package dev.hyperlab.core.host;

public enum CheckStatus { OK, WARN, FAIL }
