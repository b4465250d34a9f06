-- Each member of Kingston's and Sutton's nearest-neighbour groups, for each
-- metric and period: its value, its rank in the group, and the group's
-- median, minimum and maximum. The council's own row is the one the mart
-- keeps; the others are here so the ranking can be checked.

-- #region mart-neighbour-comparison
with

metric_values as (

    select * from {{ ref('fct_metric_values') }}

),

group_members as (

    select * from {{ ref('lginform_comparison_group_members') }}

),

metric_periods as (

    select distinct
        metric_type_id,
        period_id
    from metric_values

),

-- Every member of every group for every metric and period, so a member with
-- no value still counts in the group's size (with a null value).
member_values as (

    select
        group_members.owner_area_code,
        group_members.comparison_group_id,
        group_members.member_area_code as area_code,
        metric_periods.metric_type_id,
        metric_periods.period_id,
        metric_values.value
    from group_members
    cross join metric_periods
    left join metric_values
        on group_members.member_area_code = metric_values.area_code
        and metric_periods.metric_type_id = metric_values.metric_type_id
        and metric_periods.period_id = metric_values.period_id

),

-- Ordered-set aggregates (the median) cannot be window functions in
-- PostgreSQL, so the group's figures are an aggregate joined back. All of
-- them ignore members with no value.
group_figures as (

    select
        owner_area_code,
        metric_type_id,
        period_id,
        -- The values' own type (numeric(24, 6)), which min, max and the median drop.
        percentile_cont(0.5) within group (order by value)::numeric(24, 6) as group_median,
        min(value)::numeric(24, 6) as group_min,
        max(value)::numeric(24, 6) as group_max,
        count(value)::integer as group_values_count,
        count(*)::integer as group_size
    from member_values
    group by owner_area_code, metric_type_id, period_id

),

ranked as (

    select
        owner_area_code,
        comparison_group_id,
        area_code,
        metric_type_id,
        period_id,
        value,
        -- 1 is the highest value; equal values share a rank; no value, no rank.
        case
            when value is not null
                then rank() over (
                    partition by owner_area_code, metric_type_id, period_id
                    order by value desc nulls last
                )::integer
        end as rank_in_group
    from member_values

),

compared as (

    select
        ranked.owner_area_code,
        ranked.comparison_group_id,
        ranked.area_code,
        ranked.metric_type_id,
        ranked.period_id,
        ranked.value,
        ranked.rank_in_group,
        group_figures.group_median,
        group_figures.group_min,
        group_figures.group_max,
        group_figures.group_values_count,
        group_figures.group_size
    from ranked
    inner join group_figures
        on ranked.owner_area_code = group_figures.owner_area_code
        and ranked.metric_type_id = group_figures.metric_type_id
        and ranked.period_id = group_figures.period_id

)
-- #endregion mart-neighbour-comparison

select * from compared
