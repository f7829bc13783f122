-- The checks of gold.market_daily (see fct_asset_daily.checks.sql for the form).

-- check: one_row_matching_facts error
WITH market AS (SELECT day, count(*) AS n, max(asset_count) AS asset_count FROM gold.market_daily
                WHERE day BETWEEN ${first} AND ${last} GROUP BY day),
     facts AS (SELECT day, count(*) AS n FROM gold.fct_asset_daily WHERE day BETWEEN ${first} AND ${last} GROUP BY day)
SELECT d.day, coalesce(m.n, 0) = 1 AND m.asset_count = coalesce(f.n, 0) AS passed,
       IF(m.n IS NULL, 'no row', concat(m.n, ' row(s), asset_count ', m.asset_count)) AS observed,
       concat('1 row, asset_count ', coalesce(f.n, 0)) AS expected
FROM ${days} d LEFT JOIN market m ON m.day = d.day LEFT JOIN facts f ON f.day = d.day

-- check: btc_dominance_known warn
WITH bitcoin AS (SELECT DISTINCT day FROM gold.fct_asset_daily WHERE day BETWEEN ${first} AND ${last} AND asset_id = 'bitcoin')
SELECT d.day, b.day IS NOT NULL AS passed,
       IF(b.day IS NULL, 'no bitcoin row: btc_dominance_pct is null', 'bitcoin present') AS observed,
       'bitcoin among the day''s assets' AS expected
FROM ${days} d LEFT JOIN bitcoin b ON b.day = d.day
