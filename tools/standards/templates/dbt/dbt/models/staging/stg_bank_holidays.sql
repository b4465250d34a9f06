-- One row per bank holiday and division, from the latest load: typed,
-- renamed to the team's conventions, and keyed.
with latest as (
    select max(ingest_date) as ingest_date
    from {{ source('raw', 'bank_holidays') }}
)

select
    {{ dbt.concat(['division', "'|'", 'cast(date as text)', "'|'", 'title']) }} as bank_holiday_id,
    division,
    cast(date as date) as holiday_date,
    title as holiday_name,
    notes,
    substitute_day as is_substitute_day,
    bunting as has_bunting
from {{ source('raw', 'bank_holidays') }}
where ingest_date = (select ingest_date from latest)
