package io.coinlake.simulator;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Deterministic synthetic markets: every price is a pure function of (seed, asset, instant), so the
 * same date always gives the same data, in any order and from any process.
 *
 * <p>Daily closes follow a seeded random walk in log space from the 2025-01-01 reference prices;
 * within a day, hourly prices move from the previous close to the day's close along a bridge
 * whose noise vanishes at both ends, so hourly history and daily closes agree.
 */
public final class SimulatedMarket {
    static final LocalDate ANCHOR = LocalDate.of(2025, 1, 1);
    private static final MathContext PRECISION = new MathContext(34, RoundingMode.HALF_EVEN);

    /** CoinCap sends 16 decimals on every number. */
    static final int SCALE = 16;

    private final long seed;
    private final List<ReferenceAsset> universe;
    /** Each asset's walk of daily log closes, by id, filled out from the anchor as far as asked. */
    private final Map<String, Walk> walks = new HashMap<>();

    public SimulatedMarket(long seed) {
        this(seed, ReferenceAsset.UNIVERSE);
    }

    SimulatedMarket(long seed, List<ReferenceAsset> universe) {
        this.seed = seed;
        this.universe = List.copyOf(universe);
        for (ReferenceAsset asset : this.universe) {
            walks.put(asset.id(), new Walk(asset));
        }
    }

    /** One asset's state at an instant, already in CoinCap's string-number form. */
    public record Quote(ReferenceAsset asset, int rank, BigDecimal supply, BigDecimal marketCapUsd,
                        BigDecimal volumeUsd24Hr, BigDecimal priceUsd, BigDecimal changePercent24Hr,
                        BigDecimal vwap24Hr) {
    }

    /** All assets at {@code time}, ranked by market cap like CoinCap's /assets. */
    public List<Quote> snapshot(Instant time) {
        return snapshot(time, 0, universe.size());
    }

    /**
     * The ranks {@code offset + 1} to {@code offset + limit} at {@code time}. Ranking needs only each
     * asset's market cap, which is compared as a double where that decides the order; the exact
     * decimal cap and the 24-hour figures (26 prices an asset) are computed for the page alone.
     */
    public List<Quote> snapshot(Instant time, int offset, int limit) {
        List<Cap> caps = new ArrayList<>(universe.size());
        for (ReferenceAsset asset : universe) {
            caps.add(new Cap(asset, priceAt(asset, time), supplyAt(asset, time)));
        }
        caps.sort(Cap::largestFirst);
        int end = (int) Math.min((long) offset + limit, caps.size());
        List<Quote> page = new ArrayList<>(Math.max(0, end - offset));
        for (int i = offset; i < end; i++) {
            page.add(quote(caps.get(i), i + 1, time));
        }
        return page;
    }

    /**
     * An asset's market cap at an instant. The rank is CoinCap's: by the exact cap (the decimal
     * price times the decimal supply) and then by id. The double product is within
     * {@link #relativeError} of that, so where two doubles are further apart than both errors
     * their order is the exact order; only closer pairs pay for the decimals.
     */
    private static final class Cap {
        final ReferenceAsset asset;
        final double price;
        final double supply;
        final double approximate;
        final double relativeError;
        private BigDecimal exact;

        Cap(ReferenceAsset asset, double price, double supply) {
            this.asset = asset;
            this.price = price;
            this.supply = supply;
            this.approximate = price * supply;
            // Each decimal is rounded to 16 places (an absolute 1e-16), the product too; the double
            // product adds a few ulps. Four times the sum leaves a wide margin.
            this.relativeError = 4e-16 * (1 / price + 1 / supply + 1 / approximate + 3);
        }

        BigDecimal exact() {
            if (exact == null) {
                exact = scaled(decimal(supply).multiply(decimal(price), PRECISION));
            }
            return exact;
        }

        int largestFirst(Cap other) {
            double gap = approximate - other.approximate;
            double bound = (relativeError + other.relativeError) * Math.max(approximate, other.approximate);
            int order = Math.abs(gap) > bound ? (gap > 0 ? -1 : 1) : other.exact().compareTo(exact());
            return order != 0 ? order : asset.id().compareTo(other.asset.id());
        }
    }

    public List<ReferenceAsset> universe() {
        return universe;
    }

    public Optional<ReferenceAsset> find(String id) {
        return universe.stream().filter(asset -> asset.id().equals(id)).findFirst();
    }

    /** The hourly history point CoinCap's interval=h1 gives for the hour starting at {@code hour}. */
    SimulatorJson.HistoryPoint hourlyPoint(ReferenceAsset asset, Instant hour) {
        return new SimulatorJson.HistoryPoint(decimal(priceAt(asset, hour)), hour, decimal(supplyAt(asset, hour)));
    }

    /** The daily history point of interval=d1: the average of the day's hourly prices, at 00:00 UTC. */
    SimulatorJson.HistoryPoint dailyPoint(ReferenceAsset asset, LocalDate day) {
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        double sum = 0;
        for (int h = 0; h < 24; h++) {
            sum += priceAt(asset, start.plus(Duration.ofHours(h)));
        }
        return new SimulatorJson.HistoryPoint(decimal(sum / 24), start, decimal(supplyAt(asset, start)));
    }

    private Quote quote(Cap cap, int rank, Instant time) {
        ReferenceAsset asset = cap.asset;
        double dayAgo = priceAt(asset, time.minus(Duration.ofDays(1)));
        double vwapSum = 0;
        for (int h = 0; h < 24; h++) {
            vwapSum += priceAt(asset, time.minus(Duration.ofHours(h)));
        }
        BigDecimal marketCap = cap.exact();
        BigDecimal volume = scaled(marketCap.multiply(BigDecimal.valueOf(turnover(asset, time)), PRECISION));
        return new Quote(asset, rank, decimal(cap.supply), marketCap, volume, decimal(cap.price),
                decimal((cap.price / dayAgo - 1) * 100), decimal(vwapSum / 24));
    }

    /**
     * The price at {@code time}: the bridge from the previous day's close to this day's, so the
     * price just before midnight is the day's close. The noise term changes each hour.
     */
    public double priceAt(ReferenceAsset asset, Instant time) {
        LocalDate day = LocalDate.ofInstant(time, ZoneOffset.UTC);
        double fraction = Duration.between(day.atStartOfDay(ZoneOffset.UTC).toInstant(), time).toMillis() / 86_400_000.0;
        double from = Math.log(closeOf(asset, day.minusDays(1)));
        double to = Math.log(closeOf(asset, day));
        double bridgeNoise = asset.volatility() * 0.25 * Math.sin(Math.PI * fraction)
                * gaussian(asset, day.toEpochDay(), time.atZone(ZoneOffset.UTC).getHour() + 1);
        return Math.exp(from + (to - from) * fraction + bridgeNoise);
    }

    /** The close of {@code day}: the price at 24:00 UTC of that day. */
    double closeOf(ReferenceAsset asset, LocalDate day) {
        if (asset.stable()) {
            // Stablecoins hold their peg: small independent deviations, no walk.
            return asset.price() * (1 + asset.volatility() * gaussian(asset, day.toEpochDay(), 0));
        }
        return Math.exp(logClose(asset, day.toEpochDay()));
    }

    private double logClose(ReferenceAsset asset, long epochDay) {
        return walks.get(asset.id()).logClose(epochDay);
    }

    /**
     * The walk in log space from the anchor's price, one Gaussian step a day (forwards after the
     * anchor, backwards before it). Each day is the sum of the same steps in the same order, however
     * far the walk was filled before, so it stays a pure function of (seed, asset, day). Arrays
     * rather than a map of days: a snapshot reads two closes of each of 2000 assets.
     */
    private final class Walk {
        private final ReferenceAsset asset;
        /** forward[i]: the log close of anchor + i; backward[i]: of anchor - i. */
        private double[] forward;
        private double[] backward;
        private int forwardFilled = 1;
        private int backwardFilled = 1;

        Walk(ReferenceAsset asset) {
            this.asset = asset;
            this.forward = new double[] {Math.log(asset.price())};
            this.backward = new double[] {Math.log(asset.price())};
        }

        synchronized double logClose(long epochDay) {
            long anchor = ANCHOR.toEpochDay();
            if (epochDay >= anchor) {
                int index = Math.toIntExact(epochDay - anchor);
                forward = grow(forward, index);
                for (; forwardFilled <= index; forwardFilled++) {
                    forward[forwardFilled] = forward[forwardFilled - 1]
                            + asset.volatility() * gaussian(asset, anchor + forwardFilled, 0);
                }
                return forward[index];
            }
            int index = Math.toIntExact(anchor - epochDay);
            backward = grow(backward, index);
            for (; backwardFilled <= index; backwardFilled++) {
                backward[backwardFilled] = backward[backwardFilled - 1]
                        - asset.volatility() * gaussian(asset, anchor - backwardFilled + 1, 0);
            }
            return backward[index];
        }

        private static double[] grow(double[] days, int index) {
            return index < days.length ? days : Arrays.copyOf(days, Math.max(index + 1, days.length * 2));
        }
    }

    private double supplyAt(ReferenceAsset asset, Instant hour) {
        double days = Duration.between(ANCHOR.atStartOfDay(ZoneOffset.UTC).toInstant(), hour).toHours() / 24.0;
        double supply = asset.supply() * (1 + asset.supplyGrowthPerDay() * days);
        return asset.maxSupply() == null ? supply : Math.min(supply, asset.maxSupply());
    }

    private double turnover(ReferenceAsset asset, Instant hour) {
        double base = asset.stable() ? 0.35 : 0.04;
        long day = LocalDate.ofInstant(hour, ZoneOffset.UTC).toEpochDay();
        return base * Math.exp(0.3 * gaussian(asset, day, 25));
    }

    private double gaussian(ReferenceAsset asset, long epochDay, int slot) {
        long mixed = seed * 0x9E3779B97F4A7C15L ^ asset.id().hashCode() * 0xC2B2AE3D27D4EB4FL
                ^ epochDay * 0x165667B19E3779F9L ^ slot * 0x27D4EB2F165667C5L;
        return new SplittableRandom(mixed).nextGaussian();
    }

    static BigDecimal decimal(double value) {
        return scaled(new BigDecimal(value, PRECISION));
    }

    private static BigDecimal scaled(BigDecimal value) {
        return value.setScale(SCALE, RoundingMode.HALF_EVEN);
    }
}
