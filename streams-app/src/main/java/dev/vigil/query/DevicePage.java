package dev.vigil.query;

import java.util.List;

/**
 * A page of devices in device-id order.
 *
 * @param nextCursor pass as {@code cursor} for the next page; null on the last page
 */
public record DevicePage(List<DeviceSummary> devices, String nextCursor) {
}
