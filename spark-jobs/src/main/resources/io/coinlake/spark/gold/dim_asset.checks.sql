-- The checks of gold.dim_asset (see fct_asset_daily.checks.sql for the form).

-- check: covers_facts error counts: assets of the day missing from dim_asset
SELECT f.day, count_if(d.asset_id IS NULL) AS n
FROM gold.fct_asset_daily f LEFT JOIN gold.dim_asset d ON d.asset_id = f.asset_id
WHERE f.day BETWEEN ${first} AND ${last} GROUP BY f.day
