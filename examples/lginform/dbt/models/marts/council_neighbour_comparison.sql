-- The mart a council analyst opens: for Kingston upon Thames and for Sutton,
-- each metric and period, the council's value beside the median, minimum and
-- maximum of its CIPFA nearest-neighbour group, its rank in the group, and
-- the change since the period before.

with

comparisons as (

    select * from {{ ref('int_neighbour_group_comparisons') }}

),

periods as (

    select * from {{ ref('dim_periods') }}

),

metric_types as (

    select * from {{ ref('dim_metric_types') }}

),

areas as (

    select * from {{ ref('dim_areas') }}

),

-- The council's own row in its own group.
council_rows as (

    select
        owner_area_code,
        comparison_group_id,
        metric_type_id,
        period_id,
        value,
        rank_in_group,
        group_median,
        group_min,
        group_max,
        group_values_count,
        group_size
    from comparisons
    where area_code = owner_area_code

),

-- #region change-since-previous-period
-- The same council and metric in the period before (dim_periods works out
-- which period that is). No row or no value then: no change.
with_previous as (

    select
        council_rows.owner_area_code,
        council_rows.comparison_group_id,
        council_rows.metric_type_id,
        council_rows.period_id,
        periods.period_label,
        periods.period_start_date,
        council_rows.value,
        council_rows.rank_in_group,
        council_rows.group_median,
        council_rows.group_min,
        council_rows.group_max,
        council_rows.group_values_count,
        council_rows.group_size,
        periods.previous_period_id,
        previous_rows.value as previous_value,
        previous_rows.rank_in_group as previous_rank_in_group
    from council_rows
    inner join periods
        on council_rows.period_id = periods.period_id
    left join council_rows as previous_rows
        on council_rows.owner_area_code = previous_rows.owner_area_code
        and council_rows.metric_type_id = previous_rows.metric_type_id
        and periods.previous_period_id = previous_rows.period_id

),
-- #endregion change-since-previous-period

-- Computed columns are cast to the types the contract promises.
final as (

    select
        with_previous.owner_area_code as council_area_code,
        areas.area_label as council_name,
        with_previous.comparison_group_id,
        with_previous.metric_type_id,
        metric_types.metric_type_label,
        metric_types.unit_label,
        with_previous.period_id,
        with_previous.period_label,
        with_previous.period_start_date,
        with_previous.value,
        with_previous.group_median,
        with_previous.group_min,
        with_previous.group_max,
        (with_previous.value - with_previous.group_median)::numeric(24, 6) as difference_from_median,
        with_previous.rank_in_group,
        with_previous.group_values_count,
        with_previous.group_size,
        with_previous.previous_period_id,
        with_previous.previous_value,
        (with_previous.value - with_previous.previous_value)::numeric(24, 6) as change_since_previous,
        round(
            100 * (with_previous.value - with_previous.previous_value)
            / nullif(with_previous.previous_value, 0),
            2
        )::numeric(12, 2) as change_since_previous_percent,
        with_previous.previous_rank_in_group
    from with_previous
    inner join metric_types
        on with_previous.metric_type_id = metric_types.metric_type_id
    inner join areas
        on with_previous.owner_area_code = areas.area_code

)

select * from final
