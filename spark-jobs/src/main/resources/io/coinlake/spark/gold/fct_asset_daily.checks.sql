-- The checks of gold.fct_asset_daily, run on the run's audit branch for the days in ${days}.
-- A "counts" check returns (day, n) and passes when n is 0; the others return
-- (day, passed, observed, expected) for every day. Reads filter on ${first}..${last}, not on the
-- list of days: with a year's dates in every scan the checks of a year took 14 s, with the range
-- 12.6 s (one benchmark run each). Rows of days outside ${days} are not looked at.

-- check: complete error
WITH facts AS (SELECT day, count(*) AS n FROM gold.fct_asset_daily WHERE day BETWEEN ${first} AND ${last} GROUP BY day),
     in_silver AS (SELECT snapshot_date AS day, count(DISTINCT asset_id) AS n FROM silver.asset_snapshots
                WHERE snapshot_date BETWEEN ${first} AND ${last} GROUP BY snapshot_date)
SELECT d.day, coalesce(f.n, 0) = coalesce(s.n, 0) AND coalesce(f.n, 0) > 0 AS passed,
       concat(coalesce(f.n, 0), ' rows') AS observed,
       concat(coalesce(s.n, 0), ' (the day''s assets in silver)') AS expected
FROM ${days} d LEFT JOIN facts f ON f.day = d.day LEFT JOIN in_silver s ON s.day = d.day

-- check: unique_grain error counts: rows sharing (day, asset_id)
SELECT day, count(*) - count(DISTINCT asset_id) AS n FROM gold.fct_asset_daily WHERE day BETWEEN ${first} AND ${last} GROUP BY day

-- check: ohlc_consistent error counts: rows outside low <= open, close <= high
SELECT day, count_if(NOT (low_price_usd <= open_price_usd AND open_price_usd <= high_price_usd
                          AND low_price_usd <= close_price_usd AND close_price_usd <= high_price_usd)) AS n
FROM gold.fct_asset_daily WHERE day BETWEEN ${first} AND ${last} GROUP BY day
