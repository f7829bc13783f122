-- gold.fct_asset_daily for ${first}..${last}: one row per asset and day, from the silver rows of
-- ${lookback_first}..${last}, the lookback the longest window (30 days) needs. Windows run over
-- calendar days (RANGE frames on the day number), so a missing day is a gap, not a shift.
WITH daily AS (
  SELECT snapshot_date AS day, asset_id, unix_date(snapshot_date) AS day_number,
         min_by(price_usd, snapshot_ts) AS open_price_usd,
         max(price_usd) AS high_price_usd,
         min(price_usd) AS low_price_usd,
         max_by(price_usd, snapshot_ts) AS close_price_usd,
         CAST(avg(price_usd) AS DECIMAL(38,16)) AS avg_price_usd,
         CAST(count(*) AS INT) AS snapshot_count,
         max_by(volume_usd_24h, snapshot_ts) AS volume_usd_24h,
         max_by(market_cap_usd, snapshot_ts) AS market_cap_usd,
         max_by(data_source, snapshot_ts) AS data_source
  FROM silver.asset_snapshots
  WHERE snapshot_date BETWEEN ${lookback_first} AND ${last}
  GROUP BY snapshot_date, asset_id
),
windowed AS (
  SELECT *,
         max(close_price_usd) OVER yesterday AS previous_close,
         max(close_price_usd) OVER week_ago AS week_ago_close,
         CAST(avg(close_price_usd) OVER last_7_days AS DECIMAL(38,16)) AS avg_close_7d,
         CAST(avg(close_price_usd) OVER last_30_days AS DECIMAL(38,16)) AS avg_close_30d,
         IF(market_cap_usd IS NULL, NULL,
            CAST(rank() OVER (PARTITION BY day ORDER BY market_cap_usd DESC NULLS LAST) AS INT)) AS market_cap_rank
  FROM daily
  WINDOW yesterday AS (PARTITION BY asset_id ORDER BY day_number RANGE BETWEEN 1 PRECEDING AND 1 PRECEDING),
         week_ago AS (PARTITION BY asset_id ORDER BY day_number RANGE BETWEEN 7 PRECEDING AND 7 PRECEDING),
         last_7_days AS (PARTITION BY asset_id ORDER BY day_number RANGE BETWEEN 6 PRECEDING AND CURRENT ROW),
         last_30_days AS (PARTITION BY asset_id ORDER BY day_number RANGE BETWEEN 29 PRECEDING AND CURRENT ROW)
),
-- Ratios of decimals would be cut to 6 decimal places by Spark's decimal rules: doubles here.
returns AS (
  SELECT *,
         CAST(close_price_usd AS DOUBLE) / CAST(previous_close AS DOUBLE) - 1 AS daily_return,
         (CAST(close_price_usd AS DOUBLE) / CAST(week_ago_close AS DOUBLE) - 1) * 100 AS wow_change_pct,
         max(market_cap_rank) OVER (PARTITION BY asset_id ORDER BY day_number
                                    RANGE BETWEEN 1 PRECEDING AND 1 PRECEDING) AS previous_rank
  FROM windowed
),
computed AS (
  SELECT day, asset_id, open_price_usd, high_price_usd, low_price_usd, close_price_usd, avg_price_usd,
         snapshot_count, volume_usd_24h, market_cap_usd, market_cap_rank,
         previous_rank - market_cap_rank AS rank_change,
         daily_return, daily_return * 100 AS dod_change_pct, wow_change_pct, avg_close_7d, avg_close_30d,
         stddev_samp(daily_return) OVER (PARTITION BY asset_id ORDER BY day_number
                                         RANGE BETWEEN 6 PRECEDING AND CURRENT ROW) AS volatility_7d,
         data_source, ${computed_at} AS computed_at
  FROM returns
)
-- The lookback's rows only feed the windows.
SELECT * FROM computed WHERE day BETWEEN ${first} AND ${last}
