-- CreateTable
CREATE TABLE "Requisition" (
    "id" SERIAL NOT NULL,
    "number" TEXT NOT NULL,
    "requester" TEXT NOT NULL,
    "costCenter" TEXT NOT NULL,
    "justification" TEXT NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'manual',
    "sourceRef" TEXT,
    "status" TEXT NOT NULL,
    "totalCents" INTEGER NOT NULL,
    "cancelReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "Requisition_pkey" PRIMARY KEY ("id")
);
-- CreateTable
CREATE TABLE "RequisitionLine" (
    "id" SERIAL NOT NULL,
    "requisitionId" INTEGER NOT NULL,
    "lineNo" INTEGER NOT NULL,
    "productId" INTEGER NOT NULL,
    "quantity" INTEGER NOT NULL,
    "neededBy" TIMESTAMP(3) NOT NULL,
    "estimatedUnitCents" INTEGER NOT NULL,
    CONSTRAINT "RequisitionLine_pkey" PRIMARY KEY ("id")
);
-- CreateTable
CREATE TABLE "Approval" (
    "id" SERIAL NOT NULL,
    "requisitionId" INTEGER NOT NULL,
    "level" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "decidedBy" TEXT NOT NULL,
    "comment" TEXT,
    "decidedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "Approval_pkey" PRIMARY KEY ("id")
);
-- CreateTable
CREATE TABLE "PurchaseOrder" (
    "id" SERIAL NOT NULL,
    "number" TEXT NOT NULL,
    "requisitionId" INTEGER NOT NULL,
    "supplierId" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "requestedDate" TIMESTAMP(3) NOT NULL,
    "promisedDate" TIMESTAMP(3),
    "sentAt" TIMESTAMP(3),
    "totalCents" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "PurchaseOrder_pkey" PRIMARY KEY ("id")
);
-- CreateTable
CREATE TABLE "PurchaseOrderLine" (
    "id" SERIAL NOT NULL,
    "purchaseOrderId" INTEGER NOT NULL,
    "lineNo" INTEGER NOT NULL,
    "productId" INTEGER NOT NULL,
    "quantity" INTEGER NOT NULL,
    "unitPriceCents" INTEGER NOT NULL,
    "taxRateBp" INTEGER NOT NULL,
    "receivedQty" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "PurchaseOrderLine_pkey" PRIMARY KEY ("id")
);
-- CreateTable
CREATE TABLE "GoodsReceipt" (
    "id" SERIAL NOT NULL,
    "reference" TEXT NOT NULL,
    "purchaseOrderId" INTEGER NOT NULL,
    "receivedBy" TEXT NOT NULL,
    "lines" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "GoodsReceipt_pkey" PRIMARY KEY ("id")
);
-- CreateTable
CREATE TABLE "SupplierInvoice" (
    "id" SERIAL NOT NULL,
    "number" TEXT NOT NULL,
    "supplierRef" TEXT NOT NULL,
    "supplierId" INTEGER NOT NULL,
    "purchaseOrderId" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'invoice',
    "netCents" INTEGER NOT NULL,
    "taxCents" INTEGER NOT NULL,
    "totalCents" INTEGER NOT NULL,
    "invoiceDate" TIMESTAMP(3) NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "discountDueAt" TIMESTAMP(3),
    "discountCents" INTEGER NOT NULL DEFAULT 0,
    "matchResult" TEXT,
    "journalEntryId" INTEGER,
    "registeredBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SupplierInvoice_pkey" PRIMARY KEY ("id")
);
-- CreateTable
CREATE TABLE "SupplierInvoiceLine" (
    "id" SERIAL NOT NULL,
    "invoiceId" INTEGER NOT NULL,
    "lineNo" INTEGER NOT NULL,
    "productId" INTEGER NOT NULL,
    "quantity" INTEGER NOT NULL,
    "unitPriceCents" INTEGER NOT NULL,
    "taxRateBp" INTEGER NOT NULL,
    CONSTRAINT "SupplierInvoiceLine_pkey" PRIMARY KEY ("id")
);
-- CreateTable
CREATE TABLE "SupplierPayment" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "invoiceId" INTEGER NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "discountCents" INTEGER NOT NULL DEFAULT 0,
    "paidAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "SupplierPayment_pkey" PRIMARY KEY ("id")
);
-- CreateTable
CREATE TABLE "ServiceCalendar" (
    "code" TEXT NOT NULL,
    "timezone" TEXT NOT NULL,
    "workdays" TEXT NOT NULL,
    "openMinute" INTEGER NOT NULL,
    "closeMinute" INTEGER NOT NULL,
    "holidays" TEXT NOT NULL,
    CONSTRAINT "ServiceCalendar_pkey" PRIMARY KEY ("code")
);
-- CreateTable
CREATE TABLE "SlaPolicy" (
    "id" SERIAL NOT NULL,
    "priority" TEXT NOT NULL,
    "tier" TEXT NOT NULL,
    "firstResponseMinutes" INTEGER NOT NULL,
    "resolutionMinutes" INTEGER NOT NULL,
    "calendarCode" TEXT NOT NULL,
    CONSTRAINT "SlaPolicy_pkey" PRIMARY KEY ("id")
);
-- CreateTable
CREATE TABLE "ServiceAgent" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "team" TEXT NOT NULL,
    "skills" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    CONSTRAINT "ServiceAgent_pkey" PRIMARY KEY ("id")
);
-- CreateTable
CREATE TABLE "Ticket" (
    "id" SERIAL NOT NULL,
    "number" TEXT NOT NULL,
    "customerId" INTEGER NOT NULL,
    "subject" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "productSku" TEXT,
    "serialNumber" TEXT,
    "orderRef" TEXT,
    "category" TEXT,
    "priority" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "team" TEXT,
    "assignee" TEXT,
    "firstResponseDueAt" TIMESTAMP(3),
    "resolutionDueAt" TIMESTAMP(3),
    "firstRespondedAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "breachedFirstResponse" BOOLEAN NOT NULL DEFAULT false,
    "breachedResolution" BOOLEAN NOT NULL DEFAULT false,
    "satisfaction" INTEGER,
    "underWarranty" BOOLEAN NOT NULL DEFAULT true,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "Ticket_pkey" PRIMARY KEY ("id")
);
-- CreateTable
CREATE TABLE "TicketEvent" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "ticketId" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "kind" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "data" TEXT NOT NULL DEFAULT '{}',
    CONSTRAINT "TicketEvent_pkey" PRIMARY KEY ("id")
);
-- CreateTable
CREATE TABLE "FieldVisit" (
    "id" SERIAL NOT NULL,
    "number" TEXT NOT NULL,
    "ticketId" INTEGER NOT NULL,
    "technician" TEXT NOT NULL,
    "slotStart" TIMESTAMP(3) NOT NULL,
    "slotEnd" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL,
    "outcome" TEXT,
    "minutesSpent" INTEGER,
    "reportedAt" TIMESTAMP(3),
    CONSTRAINT "FieldVisit_pkey" PRIMARY KEY ("id")
);
-- CreateTable
CREATE TABLE "FieldVisitPart" (
    "id" SERIAL NOT NULL,
    "visitId" INTEGER NOT NULL,
    "productId" INTEGER NOT NULL,
    "reservedQty" INTEGER NOT NULL,
    "usedQty" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "FieldVisitPart_pkey" PRIMARY KEY ("id")
);
-- CreateIndex
CREATE UNIQUE INDEX "Requisition_number_key" ON "Requisition"("number");
-- CreateIndex
CREATE INDEX "Requisition_status_idx" ON "Requisition"("status");
-- CreateIndex
CREATE UNIQUE INDEX "RequisitionLine_requisitionId_lineNo_key" ON "RequisitionLine"("requisitionId", "lineNo");
-- CreateIndex
CREATE UNIQUE INDEX "Approval_requisitionId_level_key" ON "Approval"("requisitionId", "level");
-- CreateIndex
CREATE UNIQUE INDEX "PurchaseOrder_number_key" ON "PurchaseOrder"("number");
-- CreateIndex
CREATE INDEX "PurchaseOrder_supplierId_status_idx" ON "PurchaseOrder"("supplierId", "status");
-- CreateIndex
CREATE UNIQUE INDEX "PurchaseOrderLine_purchaseOrderId_lineNo_key" ON "PurchaseOrderLine"("purchaseOrderId", "lineNo");
-- CreateIndex
CREATE UNIQUE INDEX "GoodsReceipt_reference_key" ON "GoodsReceipt"("reference");
-- CreateIndex
CREATE UNIQUE INDEX "SupplierInvoice_number_key" ON "SupplierInvoice"("number");
-- CreateIndex
CREATE UNIQUE INDEX "SupplierInvoice_supplierId_supplierRef_key" ON "SupplierInvoice"("supplierId", "supplierRef");
-- CreateIndex
CREATE UNIQUE INDEX "SupplierPayment_key_key" ON "SupplierPayment"("key");
-- CreateIndex
CREATE UNIQUE INDEX "SlaPolicy_priority_tier_key" ON "SlaPolicy"("priority", "tier");
-- CreateIndex
CREATE UNIQUE INDEX "ServiceAgent_code_key" ON "ServiceAgent"("code");
-- CreateIndex
CREATE UNIQUE INDEX "Ticket_number_key" ON "Ticket"("number");
-- CreateIndex
CREATE INDEX "Ticket_status_priority_idx" ON "Ticket"("status", "priority");
-- CreateIndex
CREATE INDEX "Ticket_assignee_idx" ON "Ticket"("assignee");
-- CreateIndex
CREATE UNIQUE INDEX "TicketEvent_key_key" ON "TicketEvent"("key");
-- CreateIndex
CREATE INDEX "TicketEvent_ticketId_idx" ON "TicketEvent"("ticketId");
-- CreateIndex
CREATE UNIQUE INDEX "FieldVisit_number_key" ON "FieldVisit"("number");
-- CreateIndex
CREATE INDEX "FieldVisit_technician_slotStart_idx" ON "FieldVisit"("technician", "slotStart");
-- AddForeignKey
ALTER TABLE "RequisitionLine" ADD CONSTRAINT "RequisitionLine_requisitionId_fkey" FOREIGN KEY ("requisitionId") REFERENCES "Requisition"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
-- AddForeignKey
ALTER TABLE "Approval" ADD CONSTRAINT "Approval_requisitionId_fkey" FOREIGN KEY ("requisitionId") REFERENCES "Requisition"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
-- AddForeignKey
ALTER TABLE "PurchaseOrder" ADD CONSTRAINT "PurchaseOrder_requisitionId_fkey" FOREIGN KEY ("requisitionId") REFERENCES "Requisition"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
-- AddForeignKey
ALTER TABLE "PurchaseOrderLine" ADD CONSTRAINT "PurchaseOrderLine_purchaseOrderId_fkey" FOREIGN KEY ("purchaseOrderId") REFERENCES "PurchaseOrder"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
-- AddForeignKey
ALTER TABLE "GoodsReceipt" ADD CONSTRAINT "GoodsReceipt_purchaseOrderId_fkey" FOREIGN KEY ("purchaseOrderId") REFERENCES "PurchaseOrder"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
-- AddForeignKey
ALTER TABLE "SupplierInvoice" ADD CONSTRAINT "SupplierInvoice_purchaseOrderId_fkey" FOREIGN KEY ("purchaseOrderId") REFERENCES "PurchaseOrder"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
-- AddForeignKey
ALTER TABLE "SupplierInvoiceLine" ADD CONSTRAINT "SupplierInvoiceLine_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "SupplierInvoice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
-- AddForeignKey
ALTER TABLE "SupplierPayment" ADD CONSTRAINT "SupplierPayment_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "SupplierInvoice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
-- AddForeignKey
ALTER TABLE "TicketEvent" ADD CONSTRAINT "TicketEvent_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
-- AddForeignKey
ALTER TABLE "FieldVisit" ADD CONSTRAINT "FieldVisit_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
-- AddForeignKey
ALTER TABLE "FieldVisitPart" ADD CONSTRAINT "FieldVisitPart_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "FieldVisit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
