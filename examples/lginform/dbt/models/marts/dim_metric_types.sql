-- One row per metric type with any value: its label, and the range its
-- values can plausibly take.

with

metric_values as (

    select * from {{ ref('stg_lginform__metric_values') }}

),

plausible_ranges as (

    select * from {{ ref('lginform_metric_plausible_ranges') }}

),

metric_types as (

    select distinct on (metric_type_id)
        metric_type_id,
        metric_type_label,
        period_type
    from metric_values
    order by metric_type_id, ingest_date desc

),

final as (

    select
        metric_types.metric_type_id,
        metric_types.metric_type_label,
        metric_types.period_type,
        plausible_ranges.unit_label,
        plausible_ranges.plausible_min,
        plausible_ranges.plausible_max
    from metric_types
    left join plausible_ranges
        on metric_types.metric_type_id = plausible_ranges.metric_type_id

)

select * from final
