-- The gold.dim_asset rows that are new or change, with is_new: silver.assets' attributes, and the
-- current rank and price from the newest day of this run's facts (${fct_asset_daily}) when that
-- day is not older than what the row has.
WITH newest_facts AS (
  SELECT asset_id, max_by(named_struct('rank', market_cap_rank, 'price', close_price_usd,
                                       'market_cap', market_cap_usd, 'day', day), day) AS c
  FROM ${fct_asset_daily}
  GROUP BY asset_id
),
candidate AS (
  SELECT a.asset_id, a.symbol, a.name, a.explorer_url, a.max_supply, a.first_seen_date, a.last_seen_date,
         c.c AS c, d.asset_id IS NULL AS is_new,
         (c.c IS NOT NULL AND (d.current_as_of IS NULL OR c.c.day >= d.current_as_of)) AS newer,
         d.symbol AS old_symbol, d.name AS old_name, d.explorer_url AS old_explorer, d.max_supply AS old_max_supply,
         d.first_seen_date AS old_first, d.last_seen_date AS old_last, d.current_rank AS old_rank,
         d.current_price_usd AS old_price, d.current_market_cap_usd AS old_market_cap, d.current_as_of AS old_as_of
  FROM silver.assets a
  LEFT JOIN newest_facts c ON c.asset_id = a.asset_id
  LEFT JOIN gold.dim_asset d ON d.asset_id = a.asset_id
),
merged AS (
  SELECT *,
         IF(newer, c.rank, old_rank) AS current_rank,
         IF(newer, c.price, old_price) AS current_price_usd,
         IF(newer, c.market_cap, old_market_cap) AS current_market_cap_usd,
         IF(newer, c.day, old_as_of) AS current_as_of
  FROM candidate
)
SELECT asset_id, symbol, name, explorer_url, max_supply, first_seen_date, last_seen_date, current_rank,
       current_price_usd, current_market_cap_usd, current_as_of, ${computed_at} AS updated_at, is_new
FROM merged
WHERE is_new OR NOT (symbol <=> old_symbol AND name <=> old_name AND explorer_url <=> old_explorer
                     AND max_supply <=> old_max_supply AND first_seen_date <=> old_first AND last_seen_date <=> old_last
                     AND current_rank <=> old_rank AND current_price_usd <=> old_price
                     AND current_market_cap_usd <=> old_market_cap AND current_as_of <=> old_as_of)
