-- One row per metric type, area and period: the value from the latest run
-- that loaded it. Typed and renamed; nothing is computed from other rows.

-- #region staging-renamed
with

source as (

    select * from {{ source('lginform', 'lginform_metric_values') }}

),

renamed as (

    select
        ----------  ids
        metric_type_id,
        area_code,
        period_id,

        ----------  text
        metric_type_label,
        area_label,
        period_label,
        formatted as formatted_value,
        publication_status,

        ----------  numerics
        -- numeric, not double precision: changes and medians come out exact.
        value::numeric as value,

        ----------  booleans
        value is not null as has_value,

        ----------  periods, read from the id (cal_2023, fin_2023_24)
        case
            when period_id ~ '^cal_[0-9]{4}$' then 'calendar_year'
            when period_id ~ '^fin_[0-9]{4}_[0-9]{2}$' then 'financial_year'
            else 'other'
        end as period_type,
        case
            when period_id ~ '^cal_[0-9]{4}$'
                then make_date(substr(period_id, 5, 4)::int, 1, 1)
            when period_id ~ '^fin_[0-9]{4}_[0-9]{2}$'
                then make_date(substr(period_id, 5, 4)::int, 4, 1)
        end as period_start_date,

        ----------  lineage
        dataset,
        ingest_date,
        run_id as landing_run_id,
        source_object

    from source

),
-- #endregion staging-renamed

-- #region staging-latest-per-key
-- A value is loaded again with every run (each logical date is a partition):
-- keep the one from the latest logical date, and within a date the latest
-- landing. Landing run ids start with their UTC time, so they sort by it.
ranked as (

    select
        *,
        row_number() over (
            partition by metric_type_id, area_code, period_id
            order by ingest_date desc, landing_run_id desc, dataset asc
        ) as recency_rank
    from renamed

),

latest as (

    select
        metric_type_id,
        area_code,
        period_id,
        metric_type_label,
        area_label,
        period_label,
        formatted_value,
        publication_status,
        value,
        has_value,
        period_type,
        period_start_date,
        dataset,
        ingest_date,
        landing_run_id,
        source_object
    from ranked
    where recency_rank = 1

)
-- #endregion staging-latest-per-key

select * from latest
