//! Data: the protected-class options as first published, with the combined
//! "National origin (including ancestry, ethnicity, and language)" option.
//! The next migration replays its retirement (DOMAIN.md, the seed's example).

use sea_orm_migration::prelude::*;

use crate::insert_classes;

#[derive(DeriveMigrationName)]
pub struct Migration;

const FIRST_OPTIONS: &[(&str, &str, &str, Option<i32>)] = &[
    ("age", "Age", "Age", Some(0)),
    (
        "disability",
        "Disability",
        "Disability (including temporary or recovered and including HIV and drug addiction)",
        Some(1),
    ),
    (
        "family_status",
        "Family status",
        "Family, marital, or parental status",
        Some(2),
    ),
    (
        "gender",
        "Gender",
        "Gender identity (including gender stereotypes)",
        Some(3),
    ),
    (
        "genetic",
        "Genetic",
        "Genetic information (including family medical history)",
        Some(4),
    ),
    ("gun_ownership", "Gun ownership", "Gun ownership", Some(5)),
    (
        "immigration",
        "Immigration",
        "Immigration/citizenship status (choosing this will not share your status)",
        Some(6),
    ),
    (
        "national_origin_ancestry_ethnicity_language",
        "National origin/language",
        "National origin (including ancestry, ethnicity, and language)",
        Some(7),
    ),
    ("pregnancy", "Pregnancy", "Pregnancy", Some(8)),
    ("race_color", "Race/color", "Race/color", Some(9)),
    ("religion", "Religion", "Religion", Some(10)),
    ("sex", "Sex", "Sex", Some(11)),
    ("orientation", "Orientation", "Sexual orientation", Some(12)),
    ("none", "None", "None of these apply to me", Some(13)),
    ("other", "Other", "Other reason", Some(14)),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        insert_classes(manager, FIRST_OPTIONS).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .execute(Query::delete().from_table("protected_class").to_owned())
            .await
    }
}
