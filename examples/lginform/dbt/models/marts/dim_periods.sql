-- One row per period with any value: its label, type, dates and the period
-- before it of the same type, for "change since the previous period".

with

metric_values as (

    select * from {{ ref('stg_lginform__metric_values') }}

),

periods as (

    select distinct on (period_id)
        period_id,
        period_label,
        period_type,
        period_start_date
    from metric_values
    order by period_id, ingest_date desc

),

-- #region previous-period
-- The same kind of period a year earlier: cal_2023 -> cal_2022,
-- fin_2023_24 -> fin_2022_23. Worked out from the id, not from the data, so
-- a gap in the data gives no change rather than a change over two years.
final as (

    select
        period_id,
        period_label,
        period_type,
        period_start_date,
        -- Both kinds of period are a year long.
        (period_start_date + interval '1 year' - interval '1 day')::date as period_end_date,
        case period_type
            when 'calendar_year'
                then 'cal_' || (extract(year from period_start_date)::int - 1)::text
            when 'financial_year'
                then 'fin_' || (extract(year from period_start_date)::int - 1)::text
                    || '_' || lpad((extract(year from period_start_date)::int % 100)::text, 2, '0')
        end as previous_period_id
    from periods

)
-- #endregion previous-period

select * from final
