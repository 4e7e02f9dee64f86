//! The protected-class options' labels in the public's other languages
//! (`protected_class_label`: one row per option and language; the English
//! label stays the option's own), and the labels of today's sixteen options
//! in Spanish, Chinese (Traditional and Simplified), Vietnamese, Korean and
//! Tagalog, from `protected_class_labels/<lang>.tsv` (value TAB label).
//! Those files are this migration's data: a later correction is a new
//! migration or `crt-admin protected-class translate`, never an edit here.
//! An option an operator has already removed is skipped.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The labels, per language, as shipped.
const LABELS: [(&str, &str); 6] = [
    ("es", include_str!("protected_class_labels/es.tsv")),
    (
        "zh-hant",
        include_str!("protected_class_labels/zh-hant.tsv"),
    ),
    (
        "zh-hans",
        include_str!("protected_class_labels/zh-hans.tsv"),
    ),
    ("vi", include_str!("protected_class_labels/vi.tsv")),
    ("ko", include_str!("protected_class_labels/ko.tsv")),
    ("tl", include_str!("protected_class_labels/tl.tsv")),
];

/// `(language, value, label)` for every line of the shipped files.
pub fn shipped_labels() -> Vec<(&'static str, &'static str, &'static str)> {
    LABELS
        .iter()
        .flat_map(|(lang, text)| {
            text.lines()
                .filter_map(|l| l.split_once('\t'))
                .map(move |(value, label)| (*lang, value.trim(), label.trim()))
        })
        .collect()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("protected_class_label")
                    .col(integer("protected_class_id"))
                    .col(string_len("language", 10))
                    .col(text("label"))
                    .primary_key(Index::create().col("protected_class_id").col("language"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_protected_class_label_class")
                            .from("protected_class_label", "protected_class_id")
                            .to("protected_class", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        for (lang, value, label) in shipped_labels() {
            let select = Query::select()
                .column("id")
                .expr(Expr::val(lang))
                .expr(Expr::val(label))
                .from("protected_class")
                .and_where(Expr::col("value").eq(value))
                .to_owned();
            let insert = Query::insert()
                .into_table("protected_class_label")
                .columns(["protected_class_id", "language", "label"])
                .select_from(select)
                .map_err(|e| DbErr::Custom(e.to_string()))?
                .to_owned();
            manager.execute(insert).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("protected_class_label").to_owned())
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_labels_the_sixteen_options() {
        let labels = shipped_labels();
        for (lang, _) in LABELS {
            let values: Vec<&str> = labels
                .iter()
                .filter(|(l, _, _)| *l == lang)
                .map(|(_, v, _)| *v)
                .collect();
            assert_eq!(
                values,
                [
                    "age",
                    "disability",
                    "family_status",
                    "gender",
                    "genetic",
                    "gun_ownership",
                    "immigration",
                    "language",
                    "national_origin",
                    "pregnancy",
                    "race_color",
                    "religion",
                    "sex",
                    "orientation",
                    "none",
                    "other"
                ],
                "{lang}"
            );
            assert!(
                labels.iter().all(|(_, _, label)| !label.is_empty()),
                "{lang}"
            );
        }
    }
}
