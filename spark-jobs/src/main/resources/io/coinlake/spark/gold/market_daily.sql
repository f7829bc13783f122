-- gold.market_daily for the days of this run's facts (${fct_asset_daily}); gainer and loser ties go
-- to the first asset id.
WITH totals AS (
  SELECT day, CAST(count(*) AS INT) AS asset_count,
         sum(market_cap_usd) AS total_market_cap_usd,
         sum(volume_usd_24h) AS total_volume_usd_24h,
         CAST(sum(IF(asset_id = 'bitcoin', market_cap_usd, NULL)) AS DOUBLE)
           / CAST(sum(market_cap_usd) AS DOUBLE) * 100 AS btc_dominance_pct
  FROM ${fct_asset_daily}
  GROUP BY day
),
movers AS (
  SELECT day, asset_id, dod_change_pct,
         row_number() OVER (PARTITION BY day ORDER BY dod_change_pct DESC, asset_id) AS gainer,
         row_number() OVER (PARTITION BY day ORDER BY dod_change_pct ASC, asset_id) AS loser
  FROM ${fct_asset_daily}
  WHERE dod_change_pct IS NOT NULL
)
SELECT t.day, t.asset_count, t.total_market_cap_usd, t.total_volume_usd_24h, t.btc_dominance_pct,
       g.asset_id AS top_gainer_asset_id, g.dod_change_pct AS top_gainer_change_pct,
       l.asset_id AS top_loser_asset_id, l.dod_change_pct AS top_loser_change_pct,
       ${computed_at} AS computed_at
FROM totals t
LEFT JOIN movers g ON g.day = t.day AND g.gainer = 1
LEFT JOIN movers l ON l.day = t.day AND l.loser = 1
