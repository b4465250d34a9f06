-- One row per load step the lginform pipeline has started, from the run log.

with

source as (

    select * from {{ source('lginform', 'pipeline_run_log') }}
    where pipeline = 'lginform' and step = 'load'

),

renamed as (

    select
        ----------  ids
        id as run_log_id,
        run_id as load_run_id,

        ----------  the partition loaded: <dataset>/<ingest_date>
        split_part(partition_key, '/', 1) as dataset,
        split_part(partition_key, '/', 2)::date as ingest_date,

        ----------  text
        status,
        error as error_message,

        ----------  numerics
        rows_in,
        rows_out,
        objects as objects_read,

        ----------  timestamps
        started_at,
        finished_at

    from source

)

select * from renamed
