-- #region plausible-range-test
{#
    Fails for each value outside its metric's plausible range (from the
    lginform_metric_plausible_ranges seed): a unit slip (pounds for
    thousands of pounds), a sign flip or a wrong area shows up here before
    an analyst compares councils on it. Null values and metrics with no range
    pass: dim_metric_types warns about metrics with no range.
#}
{% test value_in_plausible_range(model, column_name, metric_column, ranges) %}

with

checked_rows as (

    select * from {{ model }}

),

plausible_ranges as (

    select * from {{ ranges }}

),

checked as (

    select
        checked_rows.{{ metric_column }} as metric_type_id,
        checked_rows.{{ column_name }} as value,
        plausible_ranges.plausible_min,
        plausible_ranges.plausible_max
    from checked_rows
    inner join plausible_ranges
        on checked_rows.{{ metric_column }} = plausible_ranges.metric_type_id
    where checked_rows.{{ column_name }} is not null

)

select *
from checked
where value < plausible_min
    or value > plausible_max

{% endtest %}
-- #endregion plausible-range-test
