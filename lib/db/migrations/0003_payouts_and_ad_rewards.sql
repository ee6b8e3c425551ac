CREATE TABLE "ad_rewards" (
	"ad_id" text PRIMARY KEY NOT NULL,
	"user_uid" text NOT NULL,
	"status" text NOT NULL,
	"claimed_at" timestamp with time zone NOT NULL,
	"granted_at" timestamp with time zone,
	"checked_at" timestamp with time zone,
	"reason" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ad_rewards_status_check" CHECK ("ad_rewards"."status" in ('pending', 'granted', 'revoked', 'refused'))
);
--> statement-breakpoint
CREATE TABLE "payout_wallets" (
	"public_key" text PRIMARY KEY NOT NULL,
	"lease_holder" text,
	"lease_until" timestamp with time zone,
	"unavailable_since" timestamp with time zone,
	"unavailable_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "payouts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"business_key" text NOT NULL,
	"user_uid" text NOT NULL,
	"amount" numeric(20, 7) NOT NULL,
	"memo" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"pi_payment_id" text,
	"to_address" text,
	"txid" text,
	"envelope_xdr" text,
	"valid_until" timestamp with time zone,
	"envelopes" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"retry_after" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "payouts_business_key_unique" UNIQUE("business_key"),
	CONSTRAINT "payouts_pi_payment_id_unique" UNIQUE("pi_payment_id"),
	CONSTRAINT "payouts_txid_unique" UNIQUE("txid"),
	CONSTRAINT "payouts_status_check" CHECK ("payouts"."status" in ('queued', 'created', 'signed', 'submitted', 'on_chain', 'completed', 'needs_consent', 'cancelled', 'failed')),
	CONSTRAINT "payouts_amount_positive" CHECK ("payouts"."amount" > 0)
);
--> statement-breakpoint
ALTER TABLE "ad_rewards" ADD CONSTRAINT "ad_rewards_user_uid_users_uid_fk" FOREIGN KEY ("user_uid") REFERENCES "public"."users"("uid") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payouts" ADD CONSTRAINT "payouts_user_uid_users_uid_fk" FOREIGN KEY ("user_uid") REFERENCES "public"."users"("uid") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ad_rewards_user_claimed_idx" ON "ad_rewards" USING btree ("user_uid","claimed_at");--> statement-breakpoint
CREATE INDEX "payouts_user_uid_idx" ON "payouts" USING btree ("user_uid");--> statement-breakpoint
CREATE INDEX "payouts_open_idx" ON "payouts" USING btree ("created_at") WHERE "payouts"."status" not in ('completed', 'cancelled', 'failed');