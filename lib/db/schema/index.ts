export * from "./enums";
export * from "./workspace";
export * from "./conversations";
export * from "./whatsapp";
export * from "./templates";
export * from "./bookings";
export * from "./payments";
export * from "./report-facts";
