//! The first schema: protected classes, reports, their link, activity.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("protected_class")
                    .col(pk_auto("id"))
                    .col(string_len_uniq("value", 100))
                    .col(string_len_uniq("code", 100))
                    .col(string_len("label", 500))
                    .col(integer_null("form_order"))
                    .to_owned(),
            )
            .await?;

        let mut report = Table::create();
        report
            .table("report")
            .col(big_pk_auto("id"))
            .col(string_len("public_id_suffix", 3));
        for c in [
            "contact_first_name",
            "contact_last_name",
            "contact_email",
            "contact_phone",
            "contact_address_line_1",
            "contact_address_line_2",
        ] {
            report.col(string_len_null(c, 225));
        }
        report
            .col(string_len_null("contact_city", 700))
            .col(string_len_null("contact_state", 2))
            .col(string_len_null("contact_zip", 10))
            .col(string_len("servicemember", 3))
            .col(string_len("primary_complaint", 100))
            .col(string_len("location_name", 225))
            .col(string_len_null("location_address_line_1", 225))
            .col(string_len_null("location_address_line_2", 225))
            .col(string_len("location_city_town", 700))
            .col(string_len("location_state", 2))
            .col(string_len_null("location_zipcode", 10))
            .col(string_len_null("public_or_private_employer", 100))
            .col(string_len_null("employer_size", 100))
            .col(string_len_null("inside_correctional_facility", 100))
            .col(string_len_null("correctional_facility_type", 100))
            .col(string_len_null("commercial_or_public_place", 100))
            .col(string_len_null("other_commercial_or_public_place", 150))
            .col(string_len_null("public_or_private_school", 100))
            .col(string_len_null("election_details", 100))
            .col(string_len_null("other_class", 150))
            .col(integer("last_incident_month"))
            .col(integer_null("last_incident_day"))
            .col(integer("last_incident_year"))
            .col(text("violation_summary"))
            .col(string_len("intake_format", 20))
            .col(string_len("language", 10))
            .col(string_len("assigned_section", 10))
            .col(text("routing_explanation"))
            .col(string_len("status", 20))
            .col(string_len_null("assigned_to", 150))
            .col(string_len_null("primary_statute", 20))
            .col(string_len_null("district", 20))
            .col(string_len_null("dj_number", 100))
            .col(boolean("referred").default(false))
            .col(boolean("litigation_hold").default(false))
            .col(text_null("summary"))
            .col(boolean("viewed").default(false))
            .col(timestamp_with_time_zone_null("closed_date"))
            .col(timestamp_with_time_zone("create_date"))
            .col(timestamp_with_time_zone("modified_date"))
            .col(integer("version").default(1));
        manager.create_table(report.to_owned()).await?;

        for (name, col) in [
            ("idx_report_create_date", "create_date"),
            ("idx_report_assigned_section", "assigned_section"),
            ("idx_report_status", "status"),
            ("idx_report_assigned_to", "assigned_to"),
            ("idx_report_contact_email", "contact_email"),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table("report")
                        .col(col)
                        .to_owned(),
                )
                .await?;
        }

        manager
            .create_table(
                Table::create()
                    .table("report_protected_class")
                    .col(big_integer("report_id"))
                    .col(integer("protected_class_id"))
                    .primary_key(Index::create().col("report_id").col("protected_class_id"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_rpc_report")
                            .from("report_protected_class", "report_id")
                            .to("report", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_rpc_protected_class")
                            .from("report_protected_class", "protected_class_id")
                            .to("protected_class", "id")
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_rpc_protected_class")
                    .table("report_protected_class")
                    .col("protected_class_id")
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("activity")
                    .col(big_pk_auto("id"))
                    .col(big_integer("report_id"))
                    .col(string_len("actor", 150))
                    .col(string_len("verb", 100))
                    .col(text_null("old_value"))
                    .col(text_null("new_value"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_activity_report")
                            .from("activity", "report_id")
                            .to("report", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_activity_report")
                    .table("activity")
                    .col("report_id")
                    .col("created_at")
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "activity",
            "report_protected_class",
            "report",
            "protected_class",
        ] {
            manager
                .drop_table(Table::drop().table(t).to_owned())
                .await?;
        }
        Ok(())
    }
}
