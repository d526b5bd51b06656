-- Margins, fees and per-workspace finance settings, and the history of their changes (issue 4).
-- Percentages and rates are numeric; NULL means "not configured".

CREATE TABLE workspace_margins (
    workspace_id            bigint PRIMARY KEY REFERENCES workspaces (id),
    gross_margin            numeric(5, 2) CHECK (gross_margin >= 1 AND gross_margin <= 99),
    -- An organization's margin for customers created after it is set.
    default_customer_margin numeric(5, 2)
        CHECK (default_customer_margin >= 1 AND default_customer_margin <= 99),
    workspace_margin        numeric(5, 2) CHECK (workspace_margin >= 0 AND workspace_margin <= 99),
    organization_margin     numeric(5, 2)
        CHECK (organization_margin >= 0 AND organization_margin <= 99),
    bid_shading_enabled     boolean NOT NULL DEFAULT false,
    modified_by             bigint REFERENCES users (id),
    modified_at             timestamptz NOT NULL DEFAULT now()
);
-- The invoice-template prerequisite lists an organization's customers without a margin.
CREATE INDEX workspace_margins_configured ON workspace_margins (workspace_id)
    WHERE gross_margin IS NOT NULL;

CREATE TABLE workspace_fees (
    workspace_id            bigint PRIMARY KEY REFERENCES workspaces (id),
    pg_campaign_fees        numeric(7, 4) CHECK (pg_campaign_fees >= 0 AND pg_campaign_fees <= 100),
    pg_workspace_share      numeric(7, 4)
        CHECK (pg_workspace_share >= 0 AND pg_workspace_share <= 100),
    aqs_rate                numeric(12, 4) CHECK (aqs_rate >= 0 AND aqs_rate <= 10000),
    aqs_enabled             boolean NOT NULL DEFAULT false,
    aqs_markup_type         smallint CHECK (aqs_markup_type IN (1, 2)),
    aqs_markup_value        numeric(12, 4)
        CHECK (aqs_markup_value >= 0 AND aqs_markup_value <= 10000),
    dv_ivt_segments_enabled boolean NOT NULL DEFAULT false,
    image_creative_cost     numeric(12, 4) CHECK (image_creative_cost >= 0),
    video_creative_cost     numeric(12, 4) CHECK (video_creative_cost >= 0),
    audio_creative_cost     numeric(12, 4) CHECK (audio_creative_cost >= 0),
    third_party_cost        numeric(7, 4) CHECK (third_party_cost > 0 AND third_party_cost <= 999),
    third_party_cost_active boolean,                  -- NULL: never configured
    paypal_fees_percentage  numeric(7, 4)
        CHECK (paypal_fees_percentage >= 0 AND paypal_fees_percentage <= 100),
    modified_by             bigint REFERENCES users (id),
    modified_at             timestamptz NOT NULL DEFAULT now(),
    CHECK (third_party_cost_active IS NOT TRUE OR third_party_cost IS NOT NULL)
);

-- Who changed which margin or fee of a workspace, when, from what to what. Values are the
-- setting's text form ("15.5", "true", "PERCENTAGE"); NULL means not configured.
CREATE TABLE finance_settings_history (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id bigint NOT NULL REFERENCES workspaces (id),
    setting      text NOT NULL,
    campaign_id  bigint REFERENCES campaigns (id),      -- set for a campaign's margin
    old_value    text,
    new_value    text,
    changed_by   bigint REFERENCES users (id),
    changed_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX finance_settings_history_workspace
    ON finance_settings_history (workspace_id, changed_at, id);
