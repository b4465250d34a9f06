-- One row per area with any value: its name, and whether it is one of the
-- two councils this work is for.

with

metric_values as (

    select * from {{ ref('stg_lginform__metric_values') }}

),

group_members as (

    select * from {{ ref('lginform_comparison_group_members') }}

),

areas as (

    select distinct on (area_code)
        area_code,
        area_label
    from metric_values
    order by area_code, ingest_date desc

),

final as (

    select
        areas.area_code,
        areas.area_label,
        areas.area_code in ('E09000021', 'E09000029') as is_partner_council,
        exists (
            select 1
            from group_members
            where group_members.owner_area_code = 'E09000021'
                and group_members.member_area_code = areas.area_code
        ) as is_in_kingston_group,
        exists (
            select 1
            from group_members
            where group_members.owner_area_code = 'E09000029'
                and group_members.member_area_code = areas.area_code
        ) as is_in_sutton_group
    from areas

)

select * from final
