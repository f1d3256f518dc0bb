-- AlterTable
ALTER TABLE "Product" ADD COLUMN     "category" TEXT NOT NULL DEFAULT 'general';
-- AlterTable
ALTER TABLE "SalesOrderLine" ADD COLUMN     "returnedQty" INTEGER NOT NULL DEFAULT 0;
-- CreateTable
CREATE TABLE "ReturnPolicy" (
    "id" SERIAL NOT NULL,
    "category" TEXT NOT NULL,
    "windowDays" INTEGER NOT NULL,
    "restockingFeeBp" INTEGER NOT NULL DEFAULT 0,
    "approverRole" TEXT NOT NULL DEFAULT 'manager',
    CONSTRAINT "ReturnPolicy_pkey" PRIMARY KEY ("id")
);
-- CreateTable
CREATE TABLE "CustomerReturn" (
    "id" SERIAL NOT NULL,
    "number" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "orderId" INTEGER NOT NULL,
    "customerId" INTEGER NOT NULL,
    "ticketNumber" TEXT,
    "rmaNumber" TEXT,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "statusNote" TEXT,
    "outsideWindow" BOOLEAN NOT NULL DEFAULT false,
    "approvedBy" TEXT,
    "pickupTracking" TEXT,
    "requestedBy" TEXT NOT NULL,
    "authorizedAt" TIMESTAMP(3),
    "receiveBy" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "creditNoteNumber" TEXT,
    "refundCents" BIGINT NOT NULL DEFAULT 0,
    "restockingFeeCents" BIGINT NOT NULL DEFAULT 0,
    "replacementOrderNumber" TEXT,
    "sendBackOrderNumber" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "CustomerReturn_pkey" PRIMARY KEY ("id")
);
-- CreateTable
CREATE TABLE "CustomerReturnLine" (
    "id" SERIAL NOT NULL,
    "returnId" INTEGER NOT NULL,
    "lineNo" INTEGER NOT NULL,
    "orderLineId" INTEGER NOT NULL,
    "productId" INTEGER NOT NULL,
    "quantity" INTEGER NOT NULL,
    "receivedQty" INTEGER NOT NULL DEFAULT 0,
    "outcome" TEXT NOT NULL,
    "condition" TEXT,
    "inspectedBy" TEXT,
    "inspectionNote" TEXT,
    "photoRef" TEXT,
    "disposition" TEXT,
    "repairMoNumber" TEXT,
    "settlement" TEXT,
    "settledAt" TIMESTAMP(3),
    CONSTRAINT "CustomerReturnLine_pkey" PRIMARY KEY ("id")
);
-- CreateTable
CREATE TABLE "ReturnReceipt" (
    "id" SERIAL NOT NULL,
    "returnId" INTEGER NOT NULL,
    "reference" TEXT NOT NULL,
    "lines" TEXT NOT NULL,
    "receivedBy" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ReturnReceipt_pkey" PRIMARY KEY ("id")
);
-- CreateTable
CREATE TABLE "CustomerRefund" (
    "id" SERIAL NOT NULL,
    "number" TEXT NOT NULL,
    "returnId" INTEGER NOT NULL,
    "invoiceId" INTEGER NOT NULL,
    "amountCents" BIGINT NOT NULL,
    "paidAt" TIMESTAMP(3) NOT NULL,
    "journalEntryId" INTEGER,
    CONSTRAINT "CustomerRefund_pkey" PRIMARY KEY ("id")
);
-- CreateIndex
CREATE UNIQUE INDEX "ReturnPolicy_category_key" ON "ReturnPolicy"("category");
-- CreateIndex
CREATE UNIQUE INDEX "CustomerReturn_number_key" ON "CustomerReturn"("number");
-- CreateIndex
CREATE UNIQUE INDEX "CustomerReturn_key_key" ON "CustomerReturn"("key");
-- CreateIndex
CREATE UNIQUE INDEX "CustomerReturn_rmaNumber_key" ON "CustomerReturn"("rmaNumber");
-- CreateIndex
CREATE INDEX "CustomerReturn_orderId_idx" ON "CustomerReturn"("orderId");
-- CreateIndex
CREATE INDEX "CustomerReturn_customerId_status_idx" ON "CustomerReturn"("customerId", "status");
-- CreateIndex
CREATE INDEX "CustomerReturn_status_idx" ON "CustomerReturn"("status");
-- CreateIndex
CREATE INDEX "CustomerReturnLine_orderLineId_idx" ON "CustomerReturnLine"("orderLineId");
-- CreateIndex
CREATE UNIQUE INDEX "CustomerReturnLine_returnId_lineNo_key" ON "CustomerReturnLine"("returnId", "lineNo");
-- CreateIndex
CREATE UNIQUE INDEX "ReturnReceipt_returnId_reference_key" ON "ReturnReceipt"("returnId", "reference");
-- CreateIndex
CREATE UNIQUE INDEX "CustomerRefund_number_key" ON "CustomerRefund"("number");
-- AddForeignKey
ALTER TABLE "CustomerReturn" ADD CONSTRAINT "CustomerReturn_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "SalesOrder"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
-- AddForeignKey
ALTER TABLE "CustomerReturn" ADD CONSTRAINT "CustomerReturn_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
-- AddForeignKey
ALTER TABLE "CustomerReturnLine" ADD CONSTRAINT "CustomerReturnLine_returnId_fkey" FOREIGN KEY ("returnId") REFERENCES "CustomerReturn"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
-- AddForeignKey
ALTER TABLE "ReturnReceipt" ADD CONSTRAINT "ReturnReceipt_returnId_fkey" FOREIGN KEY ("returnId") REFERENCES "CustomerReturn"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
-- AddForeignKey
ALTER TABLE "CustomerRefund" ADD CONSTRAINT "CustomerRefund_returnId_fkey" FOREIGN KEY ("returnId") REFERENCES "CustomerReturn"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
