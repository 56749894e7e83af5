package dev.scanwatch.core.net;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A set of address blocks. Home networks and allowlists hold a handful of blocks, so a linear
 * scan beats any tree here; callers on the hot path cache the answer per tracked host.
 */
public final class CidrSet {

    private static final CidrSet EMPTY = new CidrSet(List.of());

    private final Cidr[] blocks;

    private CidrSet(Collection<Cidr> blocks) {
        this.blocks = blocks.toArray(new Cidr[0]);
    }

    public static CidrSet of(Collection<Cidr> blocks) {
        return new CidrSet(blocks);
    }

    public static CidrSet parse(Collection<String> texts) {
        List<Cidr> list = new ArrayList<>();
        for (String t : texts) {
            for (String part : t.split(",")) {
                if (!part.isBlank()) {
                    list.add(Cidr.parse(part));
                }
            }
        }
        return new CidrSet(list);
    }

    public static CidrSet empty() {
        return EMPTY;
    }

    public boolean contains(long hi, long lo) {
        for (Cidr c : blocks) {
            if (c.contains(hi, lo)) {
                return true;
            }
        }
        return false;
    }

    public boolean contains(IpAddress a) {
        return contains(a.hi(), a.lo());
    }

    public boolean isEmpty() {
        return blocks.length == 0;
    }

    public List<Cidr> blocks() {
        return List.of(blocks);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CidrSet c && java.util.Arrays.equals(blocks, c.blocks);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(blocks);
    }

    @Override
    public String toString() {
        return List.of(blocks).toString();
    }
}
