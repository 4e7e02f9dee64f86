//! Data: retire "National origin (including ancestry, ethnicity, and
//! language)" (form_order NULL: old reports keep it and show it) and offer
//! "Language" and "National origin" in its place, shifting the options after
//! it. Reports are not touched: we do not know how people would have answered.

use sea_orm_migration::prelude::*;

use crate::{insert_classes, set_order};

#[derive(DeriveMigrationName)]
pub struct Migration;

const OLD: &str = "national_origin_ancestry_ethnicity_language";
const SHIFTED: &[&str] = &[
    "pregnancy",
    "race_color",
    "religion",
    "sex",
    "orientation",
    "none",
    "other",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        set_order(manager, OLD, None).await?;
        // Move the later options down first, from the end, so no two active
        // options ever share a position.
        for (i, value) in SHIFTED.iter().enumerate().rev() {
            set_order(manager, value, Some(9 + i as i32)).await?;
        }
        insert_classes(
            manager,
            &[
                ("language", "Language", "Language", Some(7)),
                (
                    "national_origin",
                    "National origin",
                    "National origin (including ancestry and ethnicity)",
                    Some(8),
                ),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .execute(
                Query::delete()
                    .from_table("protected_class")
                    .and_where(Expr::col("value").is_in(["language", "national_origin"]))
                    .to_owned(),
            )
            .await?;
        for (i, value) in SHIFTED.iter().enumerate() {
            set_order(manager, value, Some(8 + i as i32)).await?;
        }
        set_order(manager, OLD, Some(7)).await
    }
}
