-- Fails for each partition of raw.lginform_metric_values with no successful
-- load in the run log. fct_metric_values takes each row's load time from the
-- run log, so such rows (written by hand, or by something other than the
-- load step) would be left out of the marts without a word.

with

raw_partitions as (

    select distinct
        dataset,
        ingest_date
    from {{ source('lginform', 'lginform_metric_values') }}

),

partition_loads as (

    select * from {{ ref('int_partition_latest_loads') }}

)

select raw_partitions.dataset, raw_partitions.ingest_date
from raw_partitions
left join partition_loads
    on raw_partitions.dataset = partition_loads.dataset
    and raw_partitions.ingest_date = partition_loads.ingest_date
where partition_loads.dataset is null
