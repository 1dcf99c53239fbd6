export * from "@/lib/db/schema/enums";
export * from "@/lib/db/schema/workspace";
export * from "@/lib/db/schema/conversations";
export * from "@/lib/db/schema/whatsapp";
