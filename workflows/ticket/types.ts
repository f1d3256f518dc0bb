// Plain data of the service-ticket process, shared by its workflow, activities and the API.

/** Timings of one ticket's process, fixed at its start from configuration. */
export interface TicketPolicy {
  /** Share of an SLA target after which a warning is raised (e.g. 80). */
  warningPercent: number;
  /** Days a resolved ticket waits for the customer's confirmation before closing itself. */
  autoCloseDays: number;
}
