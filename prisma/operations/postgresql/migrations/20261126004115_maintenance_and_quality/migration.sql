-- AlterTable
ALTER TABLE "Product" ADD COLUMN     "inspectOnReceipt" BOOLEAN NOT NULL DEFAULT false;
-- CreateTable
CREATE TABLE "IncomingInspection" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "purchaseOrderId" INTEGER NOT NULL,
    "receiptRef" TEXT NOT NULL,
    "lineNo" INTEGER NOT NULL,
    "productId" INTEGER NOT NULL,
    "quantity" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "reason" TEXT,
    "photoRef" TEXT,
    "decidedBy" TEXT,
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "IncomingInspection_pkey" PRIMARY KEY ("id")
);
-- CreateIndex
CREATE UNIQUE INDEX "IncomingInspection_key_key" ON "IncomingInspection"("key");
-- CreateIndex
CREATE INDEX "IncomingInspection_purchaseOrderId_idx" ON "IncomingInspection"("purchaseOrderId");
-- CreateIndex
CREATE INDEX "IncomingInspection_status_idx" ON "IncomingInspection"("status");
