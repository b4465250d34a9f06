-- #region incremental-fact
{{
    config(
        materialized='incremental',
        unique_key='metric_value_key',
        incremental_strategy='delete+insert',
        on_schema_change='fail'
    )
}}

{#
    One row per metric type, area and period: the current value.

    First build (or --full-refresh): every key in the staging model.

    Later builds (is_incremental()): only the keys that a partition loaded
    since the last build could have changed. A partition counts as new when
    its latest successful load (int_partition_latest_loads.loaded_at) is
    later than the latest load this table already reflects. For those
    partitions, the keys to rebuild are the keys whose current value now
    comes from one of them, and the keys whose value here came from one of
    them (a re-load may have changed it). The value for each key is then
    taken from the staging model, which already picks the latest run over
    all partitions, so an incremental build gives the same rows as a full
    one. delete+insert replaces those keys' rows and leaves the rest.

    Assumes no load commits while dbt builds this model (the Airflow DAG runs
    one run at a time, load before dbt). A key that vanishes from every
    partition stays until the next --full-refresh.
#}

with

metric_values as (

    select * from {{ ref('stg_lginform__metric_values') }}

),

partition_loads as (

    select * from {{ ref('int_partition_latest_loads') }}

),

{% if is_incremental() %}

new_partitions as (

    select
        dataset,
        ingest_date
    from partition_loads
    where loaded_at > (
        select coalesce(max(loaded_at), '-infinity'::timestamptz) from {{ this }}
    )

),

changed_keys as (

    select
        metric_values.metric_type_id,
        metric_values.area_code,
        metric_values.period_id
    from metric_values
    inner join new_partitions
        on metric_values.dataset = new_partitions.dataset
        and metric_values.ingest_date = new_partitions.ingest_date

    union

    select
        current_rows.metric_type_id,
        current_rows.area_code,
        current_rows.period_id
    from {{ this }} as current_rows
    inner join new_partitions
        on current_rows.dataset = new_partitions.dataset
        and current_rows.ingest_date = new_partitions.ingest_date

),

{% endif %}

final as (

    select
        md5(
            metric_values.metric_type_id || '|' || metric_values.area_code || '|' || metric_values.period_id
        ) as metric_value_key,
        metric_values.metric_type_id,
        metric_values.area_code,
        metric_values.period_id,
        -- The contract's type, so an incremental build compares like with like.
        metric_values.value::numeric(24, 6) as value,
        metric_values.has_value,
        metric_values.formatted_value,
        metric_values.publication_status,
        metric_values.dataset,
        metric_values.ingest_date,
        metric_values.landing_run_id,
        metric_values.source_object,
        partition_loads.loaded_at
    from metric_values
    inner join partition_loads
        on metric_values.dataset = partition_loads.dataset
        and metric_values.ingest_date = partition_loads.ingest_date
    {% if is_incremental() %}
    inner join changed_keys
        on metric_values.metric_type_id = changed_keys.metric_type_id
        and metric_values.area_code = changed_keys.area_code
        and metric_values.period_id = changed_keys.period_id
    {% endif %}

)

select * from final
-- #endregion incremental-fact
