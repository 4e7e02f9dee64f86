//! The closed sets of the public's answers.

use crate::choice::choice_enum;

choice_enum! {
    /// The primary concern chosen on step 2.
    pub enum PrimaryComplaint {
        /// Employment.
        Workplace = ("workplace", "Workplace discrimination or other employment-related problem"),
        /// Housing.
        Housing = ("housing", "Housing discrimination or harassment"),
        /// Education.
        Education = ("education", "Discrimination at a school, educational program or service, or related to receiving education"),
        /// Police, correctional staff or inmates.
        Police = ("police", "Mistreated by police, correctional staff, or inmates"),
        /// Voting.
        Voting = ("voting", "Voting rights or ability to vote affected"),
        /// A commercial location or public place.
        CommercialOrPublic = ("commercial_or_public", "Discriminated against in a commercial location or public place"),
        /// Anything else.
        SomethingElse = ("something_else", "Something else happened"),
    }
}

choice_enum! {
    /// How a report reached the Division.
    pub enum IntakeFormat {
        /// The public web form.
        Web = ("web", "Web"),
        /// A letter.
        Letter = ("letter", "Letter"),
        /// A phone call.
        Phone = ("phone", "Phone"),
        /// A fax.
        Fax = ("fax", "Fax"),
        /// An e-mail.
        Email = ("email", "Email"),
    }
}

choice_enum! {
    /// A yes/no answer (servicemember).
    pub enum YesNo {
        /// Yes.
        Yes = ("yes", "Yes"),
        /// No.
        No = ("no", "No"),
    }
}

choice_enum! {
    /// Workplace: the kind of employer.
    pub enum PublicOrPrivateEmployer {
        /// A government employer.
        Public = ("public_employer", "Public employer"),
        /// A private employer.
        Private = ("private_employer", "Private employer"),
        /// The person does not know.
        NotSure = ("not_sure", "I'm not sure"),
    }
}

choice_enum! {
    /// Workplace: how many employees the employer has.
    pub enum EmployerSize {
        /// 14 or fewer employees.
        FourteenOrLess = ("14_or_less", "Fewer than 15 employees"),
        /// 15 or more employees.
        FifteenOrMore = ("15_or_more", "15 or more employees"),
        /// The person does not know.
        NotSure = ("not_sure", "I'm not sure"),
    }
}

choice_enum! {
    /// Police: did it happen inside a correctional facility?
    pub enum InsideCorrectionalFacility {
        /// Inside a prison, jail or similar.
        Inside = ("inside", "Yes"),
        /// Outside.
        Outside = ("outside", "No"),
    }
}

choice_enum! {
    /// Police, inside: the kind of correctional facility.
    pub enum CorrectionalFacilityType {
        /// State or local.
        StateLocal = ("state_local", "State or local"),
        /// Federal.
        Federal = ("federal", "Federal"),
        /// Privately run.
        Private = ("private", "Private"),
        /// The person does not know.
        NotSure = ("not_sure", "I'm not sure"),
    }
}

choice_enum! {
    /// Commercial or public place: the kind of place.
    pub enum CommercialOrPublicPlace {
        /// Place of worship.
        PlaceOfWorship = ("place_of_worship", "Place of worship or about a place of worship"),
        /// Store, restaurant, bar, hotel or theater.
        Store = ("store", "Store, restaurant, bar, hotel, or theater"),
        /// Health care facility.
        Healthcare = ("healthcare", "Health care facility like a hospital or clinic"),
        /// Bank or financial institution.
        Financial = ("financial", "Bank or other financial institution"),
        /// Public space.
        PublicSpace = ("public_space", "Public space like a park, street, or government building"),
        /// Somewhere else (explained in other_commercial_or_public_place).
        Other = ("other", "Other"),
    }
}

choice_enum! {
    /// Education: the kind of school.
    pub enum PublicOrPrivateSchool {
        /// A public school or program.
        Public = ("public", "Public school or educational program"),
        /// A private school or program.
        Private = ("private", "Private school or educational program"),
        /// The person does not know.
        NotSure = ("not_sure", "I'm not sure"),
    }
}

choice_enum! {
    /// Voting: which election (optional).
    pub enum ElectionDetails {
        /// A federal election.
        Federal = ("federal", "Federal election (presidential or congressional)"),
        /// A state or local election.
        StateLocal = ("state_local", "State or local election (governor, mayor, school board)"),
        /// Both kinds on one ballot.
        Both = ("both", "Both federal and state/local"),
        /// The person does not know.
        Unknown = ("unknown", "I'm not sure"),
    }
}

choice_enum! {
    /// Police reports: the person's role (an optional step, added through
    /// the step registry as the worked example in docs/adding-a-form-step.md).
    pub enum WitnessOrHarmed {
        /// It happened to the person filing.
        Harmed = ("harmed", "I was the person harmed"),
        /// The person filing saw it happen to someone else.
        Witness = ("witness", "I saw it happen to someone else"),
    }
}
