package dev.vigil.command;

import java.util.Map;

/**
 * The body of {@code POST /api/devices/{id}/commands}.
 *
 * @param ttlMs how long the device has to answer; null = {@code commands.ttl.ms}
 */
public record CommandRequest(String name, Map<String, Object> args, Long ttlMs) {
}
