-- When each (dataset, ingest_date) partition of raw.lginform_metric_values
-- was last written: the finish time of its latest successful load. A load
-- commits its rows and its 'succeeded' log row together, so this is when the
-- rows now in the partition arrived.

with

load_runs as (

    select * from {{ ref('stg_lginform__load_runs') }}

),

latest as (

    select
        dataset,
        ingest_date,
        max(finished_at) as loaded_at,
        count(*) as successful_loads
    from load_runs
    where status = 'succeeded'
    group by dataset, ingest_date

)

select * from latest
